<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CommandLineCheck</name>
    <message>
        <location filename="../app/CommandLineCheck.cpp" line="17"/>
        <source>No token: set VIGIA_TOKEN to the token to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLineCheck.cpp" line="46"/>
        <source>Connected to %1, but the status could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLineCheck.cpp" line="52"/>
        <source>Connected to %1 as %2 (%3). Status: %4. %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusTexts</name>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="12"/>
        <source>The gateway works; %n failed notification(s) not resolved yet.</source>
        <translation type="unfinished">
            <numerusform>The gateway works; %n failed notification not resolved yet.</numerusform>
            <numerusform>The gateway works; %n failed notifications not resolved yet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="27"/>
        <source>The gateway fails its health check (%1) and deliveries fail (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="30"/>
        <source>Deliveries fail and the diagnosis reached neither the customer nor the admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="33"/>
        <source>Deliveries fail (%1), but the gateway still reaches the admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="34"/>
        <source>Deliveries fail (%1), but the gateway still reaches the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="37"/>
        <source>%n failed delivery attempt(s) in the last %1 min: %2</source>
        <translation type="unfinished">
            <numerusform>%n failed delivery attempt in the last %1 min: %2</numerusform>
            <numerusform>%n failed delivery attempts in the last %1 min: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="42"/>
        <source>No heartbeat from the bot for %n min.</source>
        <translation type="unfinished">
            <numerusform>No heartbeat from the bot for %n min.</numerusform>
            <numerusform>No heartbeat from the bot for %n min.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="45"/>
        <source>vigiad cannot write its store (%1); deliveries wait until it can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="48"/>
        <source>The gateway fails its health check (%1); deliveries still work or none was tried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="52"/>
        <source>The last health check failed (%1); one more failure raises the alarm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="54"/>
        <source>The gateway is WORKING and deliveries succeed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="56"/>
        <source>The gateway is WORKING; a recent delivery failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="58"/>
        <source>The gateway is WORKING; no delivery tried yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="59"/>
        <source>Deliveries succeed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="60"/>
        <source>No signal yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="62"/>
        <source>The gateway works; %n notification(s) failed for their recipients.</source>
        <translation type="unfinished">
            <numerusform>The gateway works; %n notification failed for its recipient.</numerusform>
            <numerusform>The gateway works; %n notifications failed for their recipients.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="65"/>
        <source>%n delivery attempt(s) failed; retries may still get through (%1 s to settle).</source>
        <translation type="unfinished">
            <numerusform>%n delivery attempt failed; retries may still get through (%1 s to settle).</numerusform>
            <numerusform>%n delivery attempts failed; retries may still get through (%1 s to settle).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="68"/>
        <source>As before the restart; re-checking now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::AuditModel</name>
    <message>
        <location filename="../models/AuditModel.cpp" line="48"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="49"/>
        <source>Mark contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="50"/>
        <source>I&apos;m handling it (claim)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="51"/>
        <source>Stop handling (release)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="52"/>
        <source>Retry all failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="53"/>
        <source>Clean up queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="54"/>
        <source>Health check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="55"/>
        <source>Restart bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="56"/>
        <source>Restart gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="57"/>
        <source>Clear conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="58"/>
        <source>Clear flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="59"/>
        <source>Retention clean-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="67"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="71"/>
        <location filename="../models/AuditModel.cpp" line="75"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="74"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="117"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="118"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="119"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="120"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="121"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::AuditPanel</name>
    <message>
        <location filename="../widgets/AuditPanel.cpp" line="40"/>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AuditPanel.cpp" line="49"/>
        <source>Filter by who, action, target or outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AuditPanel.cpp" line="60"/>
        <source>Only admins can read the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::AwayDigestPanel</name>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="36"/>
        <source>While you were away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="42"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="69"/>
        <source>You were away for %1 (since %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="73"/>
        <source>Older history is no longer kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="74"/>
        <source>Now: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="82"/>
        <source>%1, still now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="83"/>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="86"/>
        <source>The status did not change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="87"/>
        <source>Status changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="89"/>
        <source>Delivered: %1 · Failed: %2 · Resolved: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="96"/>
        <source>Incident since %1, still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="97"/>
        <source>Incident from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="105"/>
        <source>%1: %2 by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="109"/>
        <source>Other operators:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ChartsPanel</name>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="47"/>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="48"/>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="49"/>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="50"/>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="51"/>
        <source>30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="52"/>
        <source>1 year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="65"/>
        <source>No history yet for this range. vigiad records a point every minute while it runs; the first one appears here when a minute ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="67"/>
        <source>Success rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="68"/>
        <source>Queue (notifications waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="228"/>
        <source>Operator actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="263"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="264"/>
        <source>%1: %2 by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="266"/>
        <source>(did not succeed: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="350"/>
        <source>Online %1 % of the time shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="351"/>
        <source>Time online: not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="365"/>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="369"/>
        <source>Success rate: %1 % (%2 of %3 attempts delivered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="373"/>
        <source>No delivery attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="375"/>
        <source>Waiting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="377"/>
        <source>Failed, not resolved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="378"/>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConnectionCheck</name>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="102"/>
        <source>Connection refused: nothing answers at %1. Is vigiad running, and is the port right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="106"/>
        <source>Host not found: the name &quot;%1&quot; does not resolve (DNS). Check the spelling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="109"/>
        <source>Secure connection (TLS) to %1 failed: %2. Check the certificate, or whether the server speaks http rather than https.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="113"/>
        <source>No answer from %1 in time. The server may be down or a firewall may drop the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="117"/>
        <source>vigiad does not know this token (401): it was mistyped or has been revoked. Ask an admin for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="120"/>
        <source>vigiad refused this token (403): it may not use the console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="122"/>
        <source>Something answers at %1, but it is not vigiad. Check the address and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="125"/>
        <source>This vigiad (version %1) does not work with this console (version %2). Update one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="127"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="130"/>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConnectionDialog</name>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="23"/>
        <source>In the system &amp;keychain (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="25"/>
        <source>For this session &amp;only: asked again at the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="31"/>
        <source>Connect to vigiad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="37"/>
        <source>printed once by: vigiad token add --role admin --name …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="54"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="55"/>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="56"/>
        <source>Keep the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="62"/>
        <source>Nothing is saved until vigiad has accepted the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="64"/>
        <location filename="../widgets/ConnectionDialog.cpp" line="167"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="118"/>
        <source>This computer has no system keychain that Vigía can use (no Secret Service is running), so the token cannot be kept there. Choose: keep it for this session only, and type it again at the next start; or keep it in a file that only your user account can read, and connect without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="143"/>
        <source>In a &amp;file only you can read (0600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="144"/>
        <source>In a &amp;file only you can read (0600): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="167"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="185"/>
        <source>Enter the server as http://host:port or https://host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="189"/>
        <source>Enter the token vigiad printed when it was created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleApplication</name>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="205"/>
        <source>the system keychain is turned off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="315"/>
        <source>vigiad accepted the token, but it could not be kept (%1). Choose another way to keep it, then connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="179"/>
        <source>A token typed here is kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="182"/>
        <source>A token typed here is kept in %1, readable only by you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="186"/>
        <source>A token typed here is used until the console closes: you chose not to keep tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="242"/>
        <source>The token for %1 could not be kept: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleController</name>
    <message>
        <location filename="../app/ConsoleController.cpp" line="144"/>
        <source>Connected to %1 as %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="82"/>
        <source>Disconnected from %1 since %2, retrying at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="92"/>
        <source>vigiad refused the token for the live feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="119"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="105"/>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="120"/>
        <location filename="../app/ConsoleController.cpp" line="153"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="179"/>
        <source>Not connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="236"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="237"/>
        <source>Your role (%1) may not do this; ask an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="269"/>
        <source>Could not load the active sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="286"/>
        <source>Could not load the conversations: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="304"/>
        <source>Could not load incidents: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="324"/>
        <source>Could not load the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="383"/>
        <source>Communication restored after an outage of %1 s: %n notification(s) it held sent again</source>
        <translation type="unfinished">
            <numerusform>Communication restored after an outage of %1 s: %n notification it held sent again</numerusform>
            <numerusform>Communication restored after an outage of %1 s: %n notifications it held sent again</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="44"/>
        <source>Could not load failed notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="43"/>
        <source>Could not load more failed notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="50"/>
        <source>Could not load waiting notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="49"/>
        <source>Could not load more waiting notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="421"/>
        <source>Could not load the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="27"/>
        <source>Retry of %1 was refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerActions.cpp" line="30"/>
        <source>Retry requested for %n notification(s)</source>
        <translation>
            <numerusform>Retry requested for %n notification</numerusform>
            <numerusform>Retry requested for %n notifications</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="40"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="332"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="349"/>
        <source>Could not mark %1 as contacted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerActions.cpp" line="43"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="274"/>
        <source>Marked %n notification(s) as contacted</source>
        <translation>
            <numerusform>Marked %n notification as contacted</numerusform>
            <numerusform>Marked %n notifications as contacted</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="54"/>
        <source>Retry of every failed notification was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerActions.cpp" line="57"/>
        <source>Queued %n failed notification(s) again</source>
        <translation>
            <numerusform>Queued %n failed notification again</numerusform>
            <numerusform>Queued %n failed notifications again</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="71"/>
        <source>You are handling %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="73"/>
        <source>Could not take %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="82"/>
        <source>Released %1: anyone may handle it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="84"/>
        <source>Could not release %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="142"/>
        <source>Could not load notification %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="167"/>
        <source>Wait for the previous action to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="185"/>
        <source>Checking the gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="189"/>
        <source>The health check could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="194"/>
        <source>Health check passed: the gateway is %1 (%2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="201"/>
        <source>the gateway is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="202"/>
        <source>Health check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="210"/>
        <source>Restarting the bot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="214"/>
        <source>The bot restart failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="219"/>
        <source>The bot restart failed (exit code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="222"/>
        <source>Bot restarted (exit code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="238"/>
        <source>Cleared the “%1” conversation of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="240"/>
        <source>The “%1” conversation of %2 had already ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="242"/>
        <source>Could not clear the “%1” conversation of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="251"/>
        <source>Restarting the gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="257"/>
        <source>The gateway restart failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="260"/>
        <source>The gateway is restarting; its signal turns OK when it works again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="24"/>
        <source>phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="25"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="26"/>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="30"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="56"/>
        <source>The console&apos;s local copy (%1) cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="155"/>
        <source>As of %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="171"/>
        <source>Contacted (%1): kept on this computer, sent when the link is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="259"/>
        <source>Could not keep the action on %1 on this computer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerLocal.cpp" line="276"/>
        <source>Not connected: %n action(s) kept on this computer, to send when the link is back</source>
        <translation>
            <numerusform>Not connected: %n action kept on this computer, to send when the link is back</numerusform>
            <numerusform>Not connected: %n actions kept on this computer, to send when the link is back</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="296"/>
        <source>Contacted (%1): sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="313"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="358"/>
        <source>%1 marked as contacted (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="363"/>
        <source>%1 was already resolved by %2 (%3) before your action was sent; yours was not applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="379"/>
        <source>Not marked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConversationModel</name>
    <message>
        <location filename="../models/ConversationModel.cpp" line="45"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="48"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/ConversationModel.cpp" line="51"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="53"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="55"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="56"/>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="80"/>
        <source>Expired at %1; vigiad removes it on its next sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/ConversationModel.cpp" line="83"/>
        <source>Expires at %1 (time to live: %n s from the last step)</source>
        <translation>
            <numerusform>Expires at %1 (time to live: %n s from the last step)</numerusform>
            <numerusform>Expires at %1 (time to live: %n s from the last step)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="124"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="125"/>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="126"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="127"/>
        <source>Expires in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="128"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::CredentialStore</name>
    <message>
        <location filename="../app/CredentialStore.cpp" line="160"/>
        <source>cannot create the folder of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CredentialStore.cpp" line="166"/>
        <location filename="../app/CredentialStore.cpp" line="169"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::FailedNotificationsPanel</name>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="80"/>
        <source>Loading more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="81"/>
        <source>Only &amp;orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="82"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="528"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="84"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="530"/>
        <source>Mark &amp;contacted…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="85"/>
        <source>Retry &amp;all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="140"/>
        <source>Loading the next page of failed notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="196"/>
        <source>Failed notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="237"/>
        <source>Search order, customer, phone, text or error (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="238"/>
        <source>Search failed notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="254"/>
        <source>Show only notifications that belong to an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="266"/>
        <source>Retry the selected notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="267"/>
        <source>Mark the selected notifications as contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="268"/>
        <source>Retry every failed notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="330"/>
        <source>%Ln+ match(es)</source>
        <translation>
            <numerusform>%Ln+ match</numerusform>
            <numerusform>%Ln+ matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="331"/>
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="424"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="435"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="457"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="426"/>
        <source>Select one or more rows to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="429"/>
        <source>send them again now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="432"/>
        <source>Not connected: kept on this computer and sent when the link is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="433"/>
        <source>record that the customer was reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="436"/>
        <source>Send every failed notification again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="459"/>
        <source>Select a row first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="461"/>
        <source>%1 is handling it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="463"/>
        <source>You are handling it already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="465"/>
        <source>Nobody is handling it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="494"/>
        <source>Retry all failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="495"/>
        <source>Retry all %Ln+ failed notification(s)?</source>
        <translation>
            <numerusform>Retry the %Ln+ failed notification?</numerusform>
            <numerusform>Retry all %Ln+ failed notifications?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="496"/>
        <source>Retry all %Ln failed notification(s)?</source>
        <translation>
            <numerusform>Retry the %Ln failed notification?</numerusform>
            <numerusform>Retry all %Ln failed notifications?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="499"/>
        <source>Each is sent again now; the ones that fail come back here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="501"/>
        <source>Retry all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="535"/>
        <source>I&apos;m handling &amp;this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="539"/>
        <source>R&amp;elease</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="542"/>
        <source>Copy &amp;phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="543"/>
        <source>Copy &amp;message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::HistoryModel</name>
    <message>
        <location filename="../models/HistoryModel.cpp" line="23"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="24"/>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="25"/>
        <source>Incommunicado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="26"/>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="27"/>
        <source>Bot offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="28"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="86"/>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="126"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="127"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="128"/>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="129"/>
        <source>Success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="130"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="131"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="132"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::IncidentModel</name>
    <message numerus="yes">
        <location filename="../models/IncidentModel.cpp" line="44"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/IncidentModel.cpp" line="46"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="48"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="49"/>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="62"/>
        <source>Webhook only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="63"/>
        <source>Total communication loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="66"/>
        <source>Ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="71"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="72"/>
        <source>Admin only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="73"/>
        <source>No one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="83"/>
        <source>The gateway still reached the customer or the admin: only the bot&apos;s own deliveries failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="85"/>
        <source>Neither the customer nor the admin could be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="127"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="128"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="129"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="130"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="131"/>
        <source>Reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="132"/>
        <source>Affected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::IncidentsPanel</name>
    <message>
        <location filename="../widgets/IncidentsPanel.cpp" line="38"/>
        <source>Communication incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/IncidentsPanel.cpp" line="54"/>
        <source>Outages the diagnosis confirmed after a notification used up its attempts. Hover a row for how it ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::MainWindow</name>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="350"/>
        <source>Vigía — bot communication console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="60"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="63"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="66"/>
        <location filename="../widgets/MainWindow.cpp" line="489"/>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="69"/>
        <source>Active sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="73"/>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="133"/>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="146"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="148"/>
        <source>&amp;Connect to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="150"/>
        <source>S&amp;erver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="155"/>
        <source>&amp;Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="160"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="165"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="186"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="188"/>
        <source>&amp;While you were away…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="203"/>
        <source>&amp;Repeat a sound until I look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="207"/>
        <source>Each alert also sounds, every 10 s, until you switch to this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="208"/>
        <source>S&amp;ilence the alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="213"/>
        <source>&amp;Keep running in the tray when closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="217"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="218"/>
        <source>&amp;About Vigía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="220"/>
        <source>About Vigía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="221"/>
        <source>&lt;b&gt;Vigía %1&lt;/b&gt;&lt;p&gt;Keeps a chat bot&apos;s messages flowing: a durable outbox, delivery diagnosis and one screen to act on failures.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="249"/>
        <source>Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="251"/>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="271"/>
        <source>Not connected — File → Connect to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="273"/>
        <source>The link to vigiad is lost; the console keeps retrying on its own. What you see may be out of date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="312"/>
        <source>The tray icon brings the window back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="313"/>
        <source>This desktop has no system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="348"/>
        <source>%1 — Vigía DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="348"/>
        <source>%1 — Vigía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="349"/>
        <source>Vigía DEMO — bot communication console</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/MainWindow.cpp" line="390"/>
        <source>&amp;Snooze alerts for %n min</source>
        <translation>
            <numerusform>&amp;Snooze alerts for %n min</numerusform>
            <numerusform>&amp;Snooze alerts for %n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="472"/>
        <source>Waiting (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="455"/>
        <source>Failed (%1+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="455"/>
        <source>Failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="472"/>
        <source>Waiting (%1+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/MainWindow.cpp" line="489"/>
        <source>Incidents (%n open)</source>
        <translation>
            <numerusform>Incidents (%n open)</numerusform>
            <numerusform>Incidents (%n open)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="495"/>
        <source>Active sessions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::NotificationDetailsPane</name>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="36"/>
        <source>I&apos;m handling &amp;this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="37"/>
        <source>R&amp;elease</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="39"/>
        <source>Copy &amp;phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="40"/>
        <source>Open c&amp;hat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="41"/>
        <source>Copy &amp;message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="44"/>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="63"/>
        <source>Notification details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="57"/>
        <source>Tell the other operators you are handling this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="58"/>
        <source>Stop handling this notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="70"/>
        <source>Copy the phone or recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="71"/>
        <source>Open the WhatsApp chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="72"/>
        <source>Copy the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="111"/>
        <source>Select a notification to see its details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="124"/>
        <source>You are handling this until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="126"/>
        <source>%1 is handling this until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="130"/>
        <source>The other consoles show that you are handling it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="131"/>
        <source>Let someone else handle it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="147"/>
        <source>%1 — order %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="154"/>
        <source>Only for WhatsApp numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="165"/>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="167"/>
        <source>failed, to be retried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="169"/>
        <source>failed for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="171"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="178"/>
        <source>sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="179"/>
        <source>phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="180"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="181"/>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="182"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="192"/>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="193"/>
        <source>Discord</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="194"/>
        <source>Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="196"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="197"/>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="198"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="198"/>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="199"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="199"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="202"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="204"/>
        <source>%1 (%2)</source>
        <comment>type name (code)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="205"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="206"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="209"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="213"/>
        <source>Attempts (%1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="218"/>
        <source>No attempt recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="221"/>
        <source>#%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="223"/>
        <source>(HTTP %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="233"/>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="234"/>
        <source>%1 by %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="242"/>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="245"/>
        <source>%1: %2 by %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::NotificationModel</name>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="31"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="33"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="35"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="36"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="44"/>
        <source>You are handling it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="45"/>
        <source>%1 is handling it</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="55"/>
        <source>Until %1 (%n min left)</source>
        <translation>
            <numerusform>Until %1 (%n min left)</numerusform>
            <numerusform>Until %1 (%n min left)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="62"/>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="63"/>
        <source>Discord</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="64"/>
        <source>Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="72"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="73"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="74"/>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="75"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="76"/>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="100"/>
        <source>Order received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="102"/>
        <source>Order ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="104"/>
        <source>Order shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="106"/>
        <source>Payment confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="108"/>
        <source>Left the voice channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="110"/>
        <source>Conversation ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="112"/>
        <source>Recovery summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="119"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="131"/>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="162"/>
        <source>Next attempt at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="165"/>
        <source>Not live: this row may be out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="209"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="210"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="211"/>
        <source>Handled by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="212"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="213"/>
        <source>Phone / recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="214"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="215"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="216"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="217"/>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="218"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="342"/>
        <source>Not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="343"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="344"/>
        <source>Not marked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ProfileActions</name>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="38"/>
        <source>no live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="39"/>
        <source>no token kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="42"/>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="84"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::QueueStatsPanel</name>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="18"/>
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="20"/>
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="22"/>
        <source>%n h</source>
        <translation type="unfinished">
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="23"/>
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="31"/>
        <source>Clean up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="35"/>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="41"/>
        <source>Not read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="45"/>
        <location filename="../widgets/QueueStatsPanel.cpp" line="85"/>
        <source>Remove old delivered and resolved notifications from vigiad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="46"/>
        <source>Clean up old notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="66"/>
        <source>Waiting: %1 (oldest %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="68"/>
        <source>Waiting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="69"/>
        <source>%1 · Delivered: %2 · Failed: %3 · Resolved: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="75"/>
        <source>Last hour: %n attempt(s), %1 delivered, %2 failed</source>
        <translation type="unfinished">
            <numerusform>Last hour: %n attempt, %1 delivered, %2 failed</numerusform>
            <numerusform>Last hour: %n attempts, %1 delivered, %2 failed</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="104"/>
        <source>Clean up the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="109"/>
        <source>Removes from vigiad the delivered and resolved notifications older than the days below, with their attempt history. Failed and waiting notifications, incidents and the audit log are kept. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="117"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="118"/>
        <source>Older than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="125"/>
        <source>%n delivered or resolved notification(s) in vigiad now, of any age.</source>
        <translation type="unfinished">
            <numerusform>%n delivered or resolved notification in vigiad now, of any age.</numerusform>
            <numerusform>%n delivered or resolved notifications in vigiad now, of any age.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="128"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::QueueWatch</name>
    <message>
        <location filename="../app/QueueWatch.cpp" line="51"/>
        <source>The cleanup was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/QueueWatch.cpp" line="54"/>
        <source>Removed %n delivered or resolved notification(s)</source>
        <translation type="unfinished">
            <numerusform>Removed %n delivered or resolved notification</numerusform>
            <numerusform>Removed %n delivered or resolved notifications</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::RelativeTime</name>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="10"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="14"/>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="16"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="18"/>
        <source>%1 h %2 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="19"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="26"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="28"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="30"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="31"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::ResolveDialog</name>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="16"/>
        <source>Mark as contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="20"/>
        <source>Phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="21"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="22"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="23"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="24"/>
        <source>What was agreed with the customer (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/ResolveDialog.cpp" line="27"/>
        <source>The customer of %n selected notification(s) was reached another way. They will leave the failed list.</source>
        <translation>
            <numerusform>The customer of %n selected notification was reached another way. It will leave the failed list.</numerusform>
            <numerusform>The customer of each of the %n selected notifications was reached another way. They will leave the failed list.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="34"/>
        <source>&amp;How:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="35"/>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="37"/>
        <source>Mark contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="49"/>
        <source>The customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="50"/>
        <source>%1 (%2) was reached another way. The notification will leave the failed list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::SessionModel</name>
    <message>
        <location filename="../models/SessionModel.cpp" line="46"/>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="48"/>
        <source>Game</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="50"/>
        <source>Party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="52"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="60"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/SessionModel.cpp" line="96"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/SessionModel.cpp" line="98"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="100"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="101"/>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="125"/>
        <location filename="../models/SessionModel.cpp" line="126"/>
        <location filename="../models/SessionModel.cpp" line="127"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="125"/>
        <location filename="../models/SessionModel.cpp" line="126"/>
        <location filename="../models/SessionModel.cpp" line="127"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="133"/>
        <source>Key: %1
User id: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="133"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="143"/>
        <source>The bot confirmed this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="144"/>
        <source>The bot has not confirmed this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="147"/>
        <source>The arrival was announced: the exit will be too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="148"/>
        <source>Silent session: no exit notice is owed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="153"/>
        <source>No update from the bot since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="155"/>
        <source>Last update from the bot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="191"/>
        <source>No update from the bot for longer than vigiad&apos;s limit: the person may have left while nobody was watching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="196"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="197"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="198"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="199"/>
        <source>Players</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="200"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="201"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="202"/>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="203"/>
        <source>Entry notified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="204"/>
        <source>Suspect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::SessionsPanel</name>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="99"/>
        <source>C&amp;lear…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="115"/>
        <source>Active sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="126"/>
        <location filename="../widgets/SessionsPanel.cpp" line="189"/>
        <source>Conversations in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="151"/>
        <source>Show one kind of session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="178"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="182"/>
        <source>Kept by vigiad across bot restarts. Suspect: no update from the bot for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="196"/>
        <source>Multi-step flows; each expires when its time to live runs out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="256"/>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="290"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="292"/>
        <source>Select a conversation to clear it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="294"/>
        <source>Make the bot forget this conversation; the user starts over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="306"/>
        <source>Clear the conversation?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="307"/>
        <source>%1 is at step “%2” of “%3”. The bot forgets what they entered so far and they have to start the flow again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="314"/>
        <source>Clear conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::SettingsDialog</name>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="22"/>
        <source>Notify me when the bot&apos;s state gets worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="24"/>
        <source>Notify me when the console loses vigiad for more than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="26"/>
        <source>Repeat a sound until I look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="27"/>
        <source>Keep running in the tray when closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="34"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="36"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="38"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="39"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="54"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="57"/>
        <source>Each alert also sounds, every 10 s, until you switch to this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="65"/>
        <source>S&amp;nooze alerts for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="71"/>
        <source>Snooze from the tray menu or View; a state worse than the one you snoozed at ends the snooze.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="96"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="101"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="110"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="111"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="112"/>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/SettingsDialog.cpp" line="158"/>
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="170"/>
        <source>The tray icon brings the window back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="171"/>
        <source>This desktop has no system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="230"/>
        <source>New server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::SignalStrip</name>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="45"/>
        <source>Check &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="47"/>
        <source>Restart &amp;bot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="49"/>
        <source>Restart &amp;gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="53"/>
        <source>Communication signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="54"/>
        <source>Gateway check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="55"/>
        <source>The periodic probe of the WhatsApp gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="56"/>
        <source>Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="57"/>
        <source>Whether notifications reach their recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="58"/>
        <source>Bot heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="59"/>
        <source>Whether the bot reports that it is alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="68"/>
        <source>Restart the bot?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="69"/>
        <source>The bot is restarted with the command configured on the server. It does not answer anyone until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="71"/>
        <source>Restart bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="74"/>
        <source>Restart the gateway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="75"/>
        <source>The WhatsApp gateway session is restarted. No message goes out until it is working again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="77"/>
        <source>Restart gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/SignalStrip.cpp" line="157"/>
        <source>%n WhatsApp message(s) sent without a delivery receipt: no ack from WAHA has reached vigiad. Point WAHA&apos;s webhooks at vigiad so lost messages are noticed.</source>
        <translation>
            <numerusform>%n WhatsApp message sent without a delivery receipt: no ack from WAHA has reached vigiad. Point WAHA&apos;s webhooks at vigiad so lost messages are noticed.</numerusform>
            <numerusform>%n WhatsApp messages sent without a delivery receipt: no ack from WAHA has reached vigiad. Point WAHA&apos;s webhooks at vigiad so lost messages are noticed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="161"/>
        <source>Last ack: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="162"/>
        <source>No ack has ever reached vigiad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="175"/>
        <source>WhatsApp gateway: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="176"/>
        <source>not configured on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="184"/>
        <source>vigiad runs without WhatsApp ([waha] enabled = false): there is no gateway to check or restart. Notifications go by Discord or Telegram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="255"/>
        <source>%1: OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="257"/>
        <source>%1: failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="259"/>
        <source>%1: unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="262"/>
        <source>no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="265"/>
        <source>last success %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="267"/>
        <source>no success yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="280"/>
        <source>Last success: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/SignalStrip.cpp" line="282"/>
        <source>%n failure(s) in a row</source>
        <translation>
            <numerusform>%n failure in a row</numerusform>
            <numerusform>%n failures in a row</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="284"/>
        <source>Last failure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="286"/>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="296"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="297"/>
        <source>Waiting for the previous action to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="301"/>
        <source>Probe the gateway now instead of waiting for the next scheduled check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="302"/>
        <source>Run the configured bot restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="303"/>
        <source>Restart the WhatsApp gateway session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::StatusBanner</name>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="27"/>
        <source>Show &amp;affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="22"/>
        <source>since restart, re-checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="21"/>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="29"/>
        <source>Show &amp;waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="46"/>
        <source>A demonstration: vigiad runs a simulated bot and WhatsApp gateway on a temporary store that is deleted when it stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="50"/>
        <source>vigiad restarted and restored this state from before; it is checking the gateway again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="68"/>
        <source>List the notifications waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="73"/>
        <source>Communication status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="122"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="123"/>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="124"/>
        <source>Incommunicado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="125"/>
        <source>Critical: total communication loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="126"/>
        <source>Bot offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="127"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="183"/>
        <source>The oldest has waited since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="188"/>
        <source>Last communication %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="190"/>
        <source>No communication recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="200"/>
        <source>No live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="202"/>
        <source>Last known state: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="204"/>
        <source>Not connected to vigiad yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="210"/>
        <source>since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="247"/>
        <source>Counts the failed notifications and those the outage holds after a first attempt; the held ones are in the Waiting list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="250"/>
        <source>%n failed for their recipient (an invalid number, a blocked bot): the gateway works, but the message cannot reach that person.</source>
        <translation>
            <numerusform>%n failed for their recipient (an invalid number, a blocked bot): the gateway works, but the message cannot reach that person.</numerusform>
            <numerusform>%n failed for their recipient (an invalid number, a blocked bot): the gateway works, but the message cannot reach that person.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="259"/>
        <source>List the failed notifications counted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="260"/>
        <source>List the notifications the outage holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="278"/>
        <source>Online — failures to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="289"/>
        <source>%Ln notification(s) failed</source>
        <translation>
            <numerusform>%Ln notification failed</numerusform>
            <numerusform>%Ln notifications failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="316"/>
        <source>%Ln waiting, held by the outage</source>
        <translation>
            <numerusform>%Ln waiting, held by the outage</numerusform>
            <numerusform>%Ln waiting, held by the outage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="317"/>
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln waiting</numerusform>
            <numerusform>%Ln waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="319"/>
        <source>%Ln waiting, oldest %1, held by the outage</source>
        <translation>
            <numerusform>%Ln waiting, oldest %1, held by the outage</numerusform>
            <numerusform>%Ln waiting, oldest %1, held by the outage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="320"/>
        <source>%Ln waiting, oldest %1</source>
        <translation>
            <numerusform>%Ln waiting, oldest %1</numerusform>
            <numerusform>%Ln waiting, oldest %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n notification(s) without an order</source>
        <translation type="vanished">
            <numerusform>%1 and %n notification without an order</numerusform>
            <numerusform>%1 and %n notifications without an order</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) affected</source>
        <translation type="vanished">
            <numerusform>%n order affected</numerusform>
            <numerusform>%n orders affected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) without an order affected</source>
        <translation type="vanished">
            <numerusform>%n notification without an order affected</numerusform>
            <numerusform>%n notifications without an order affected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) failed</source>
        <translation type="vanished">
            <numerusform>%n notification failed</numerusform>
            <numerusform>%n notifications failed</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="292"/>
        <source>No order failed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="293"/>
        <source>No orders affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="297"/>
        <source>%1 and %Ln notification(s) without an order</source>
        <translation>
            <numerusform>%1 and %Ln notification without an order</numerusform>
            <numerusform>%1 and %Ln notifications without an order</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="298"/>
        <location filename="../widgets/StatusBanner.cpp" line="300"/>
        <source>%Ln order(s) affected</source>
        <translation>
            <numerusform>%Ln order affected</numerusform>
            <numerusform>%Ln orders affected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="302"/>
        <source>%Ln notification(s) without an order affected</source>
        <translation>
            <numerusform>%Ln notification without an order affected</numerusform>
            <numerusform>%Ln notifications without an order affected</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="306"/>
        <source>%1 (failed or held)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="314"/>
        <source>Nothing waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, held by the outage</source>
        <translation type="vanished">
            <numerusform>%n waiting, held by the outage</numerusform>
            <numerusform>%n waiting, held by the outage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation type="vanished">
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, oldest %1, held by the outage</source>
        <translation type="vanished">
            <numerusform>%n waiting, oldest %1, held by the outage</numerusform>
            <numerusform>%n waiting, oldest %1, held by the outage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, oldest %1</source>
        <translation type="vanished">
            <numerusform>%n waiting, oldest %1</numerusform>
            <numerusform>%n waiting, oldest %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::TrayNotifier</name>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="106"/>
        <source>Show Vigía</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/TrayNotifier.cpp" line="78"/>
        <location filename="../widgets/TrayNotifier.cpp" line="107"/>
        <source>Snooze alerts for %n min</source>
        <translation type="unfinished">
            <numerusform>Snooze alerts for %n min</numerusform>
            <numerusform>Snooze alerts for %n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="109"/>
        <source>Resume alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="110"/>
        <source>Silence the alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="196"/>
        <location filename="../widgets/TrayNotifier.cpp" line="199"/>
        <source>Vigía: no live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="200"/>
        <source>The console lost its link to vigiad at %1 and keeps retrying. What it shows may be out of date; check that vigiad runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="229"/>
        <source>Vigía DEMO: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="230"/>
        <source>Vigía: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::WaitingNotificationsPanel</name>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="56"/>
        <source>Waiting notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="66"/>
        <source>Search order, customer, phone, text or error (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="67"/>
        <source>Search waiting notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="131"/>
        <source>%Ln+ match(es)</source>
        <translation type="unfinished">
            <numerusform>%Ln+ match</numerusform>
            <numerusform>%Ln+ matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="132"/>
        <source>%Ln match(es)</source>
        <translation type="unfinished">
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="138"/>
        <source>Deliveries are held by the outage: these are sent one trial at a time until the gateway works again. A notification that fails moves to the Failed tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="141"/>
        <source>Waiting for their first attempt, a retry, or being sent now. A notification that fails moves to the Failed tab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="30"/>
        <source>Vigía operator console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="35"/>
        <source>vigiad URL, such as http://127.0.0.1:8765</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="39"/>
        <source>Save a PNG of the window once live, then quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="43"/>
        <source>Take the --screenshot this many ms after live data shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="48"/>
        <source>Open on a tab: failed, waiting, incidents, sessions, charts or audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="53"/>
        <source>Open the connection dialog, as on a first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="56"/>
        <source>Check the server and the token (VIGIA_TOKEN), print the status and exit: 0 when both answered, 1 otherwise</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
