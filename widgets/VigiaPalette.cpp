#include "VigiaPalette.h"

namespace Vigia {

QColor VigiaPalette::color(Role role)
{
    // Chosen for contrast with white text (WCAG AA at banner size) and to stay
    // distinguishable for the common forms of colour blindness: hue and
    // lightness both change from state to state.
    switch (role) {
    case Role::Online: return QColor(0x1b, 0x7f, 0x3b);
    // Olive, between Online's green and Degraded's amber in hue and darker
    // than both (5.7:1 with white): "working, but look". The banner paints its
    // own background, so the same colour serves light and dark desktops.
    case Role::OnlineAttention: return QColor(0x5e, 0x6e, 0x00);
    case Role::Degraded: return QColor(0xb2, 0x6a, 0x00);
    case Role::Incommunicado: return QColor(0xc4, 0x3c, 0x00);
    case Role::Critical: return QColor(0xa3, 0x00, 0x1e);
    case Role::Offline: return QColor(0x4a, 0x23, 0x7a);
    case Role::Unknown: return QColor(0x45, 0x5a, 0x64);
    case Role::Disconnected: return QColor(0x75, 0x75, 0x75);
    case Role::BannerText: return QColor(0xff, 0xff, 0xff);
    case Role::BannerTextMuted: return QColor(0xee, 0xee, 0xee);
    case Role::StaleText: return QColor(0x80, 0x80, 0x80);
    // Darker than the banner colours: these sit on a light background as text.
    case Role::SignalOk: return QColor(0x1b, 0x6e, 0x34);
    case Role::SignalFailing: return QColor(0xa3, 0x00, 0x1e);
    case Role::SignalUnknown: return QColor(0x5f, 0x6b, 0x73);
    case Role::HintText: return QColor(0x5f, 0x6b, 0x73);
    // Amber like Degraded, darkened to stay readable (about 6:1) as text on a
    // light row: a warning, not an error.
    case Role::SuspectText: return QColor(0x8a, 0x51, 0x00);
    // Blue, away from every status hue: being handled is neither good nor
    // bad news, only "someone is on it" (about 7:1 on white).
    case Role::ClaimText: return QColor(0x1f, 0x4e, 0x9c);
    // A dark amber: waiting, not wrong (about 6:1 on white), apart from the claim's blue.
    case Role::PendingText: return QColor(0x8a, 0x4b, 0x00);
    // A dark red (about 7:1 on white): vigiad did not take the action.
    case Role::RefusedText: return QColor(0xa3, 0x12, 0x12);
    // A mid blue: about 4.6:1 on white and 4:1 on a dark grey base, and no
    // status hue, so it stands apart from the shading behind it.
    case Role::ChartLine: return QColor(0x1e, 0x6f, 0xd9);
    // Dark violet: apart from the line's blue and from every state's shade.
    case Role::ChartAction: return QColor(0x6a, 0x1b, 0x9a);
    }
    return {};
}

VigiaPalette::Role VigiaPalette::forState(StatusState state)
{
    switch (state) {
    case StatusState::Online: return Role::Online;
    case StatusState::Degraded: return Role::Degraded;
    case StatusState::Incommunicado: return Role::Incommunicado;
    case StatusState::Critical: return Role::Critical;
    case StatusState::Offline: return Role::Offline;
    case StatusState::Unknown: return Role::Unknown;
    }
    return Role::Unknown;
}

VigiaPalette::Role VigiaPalette::forStatus(const CommunicationStatus &status)
{
    if (status.state == StatusState::Online
        && (status.reasonCode == StatusReason::RecipientFailures || status.counts.failed > 0))
        return Role::OnlineAttention;
    return forState(status.state);
}

QColor VigiaPalette::shade(StatusState state)
{
    QColor c = color(forState(state));
    c.setAlphaF(0.22f);
    return c;
}

VigiaPalette::Role VigiaPalette::forSignal(const SignalDetail &signal)
{
    if (!signal.known)
        return Role::SignalUnknown;
    return signal.failing ? Role::SignalFailing : Role::SignalOk;
}

} // namespace Vigia
