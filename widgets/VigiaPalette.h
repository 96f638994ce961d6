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
        // Online, but notifications failed and wait for an operator (for
        // their recipients, or earlier): not an outage, not all clear either.
        OnlineAttention,
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
        ClaimText, // "Ana is handling it": someone took a failure, as text on a light row
        // An action the console keeps until vigiad takes it ("contacted:
        // waiting to send"), as text on a light row; and one vigiad refused.
        PendingText,
        RefusedText,
        // A chart's line (success rate, queue), over the window's base colour
        // in a light or a dark palette and over the state shading.
        ChartLine,
        // An operator's action marked on a chart (a restart, a retry of all).
        ChartAction,
    };

    static QColor color(Role role);
    static Role forState(StatusState state);
    // The banner's colour for a whole status: forState(), except that an
    // online bot with unresolved failures never gets the plain online colour.
    static Role forStatus(const CommunicationStatus &status);
    static Role forSignal(const SignalDetail &signal);
    // A state's colour made translucent, to shade a stretch of time behind a
    // chart's lines without hiding them.
    static QColor shade(StatusState state);
};

} // namespace Vigia
