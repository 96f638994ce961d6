#pragma once

#include "CommunicationStatus.h"

#include <QColor>

namespace Vigia {

// Every colour the console paints, by meaning. Widgets ask for a role,
// never for a literal, so the scheme stays consistent and can change in one place.
class VigiaPalette final
{
public:
    enum class Role {
        Online,
        Degraded,
        Incommunicado,
        Critical,
        Offline,
        Unknown,
        Disconnected, // the console itself has no live data
        BannerText,
        BannerTextMuted,
        StaleText,
        // One signal's health, painted on the window background (not the banner).
        SignalOk,
        SignalFailing,
        SignalUnknown,
        HintText, // secondary explanations on the window background
        SuspectText, // a session the bot has not confirmed for a while, as table text
    };

    static QColor color(Role role);
    static Role forState(StatusState state);
    static Role forSignal(const SignalDetail &signal);
};

} // namespace Vigia
