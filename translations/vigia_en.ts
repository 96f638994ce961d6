<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Vigia::ConnectionDialog</name>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="18"/>
        <source>Connect to vigiad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="21"/>
        <source>printed once by: vigiad token add --role admin --name …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="25"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="26"/>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="27"/>
        <source>The token is kept in the system keychain, never in a plain file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="30"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="65"/>
        <source>Enter the server as http://host:port or https://host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="69"/>
        <source>Enter the token vigiad printed when it was created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleApplication</name>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="59"/>
        <source>Keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="82"/>
        <source>The token could not be saved in the keychain (%1); it is used for this session only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleController</name>
    <message>
        <location filename="../app/ConsoleController.cpp" line="21"/>
        <source>Connected to %1 as %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="27"/>
        <source>Disconnected from %1 since %2, retrying at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="35"/>
        <source>vigiad refused the token for the live feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="53"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="68"/>
        <source>Not connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="74"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="97"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="98"/>
        <source>Your role (%1) may not do this; ask an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="120"/>
        <source>Could not load failed notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="171"/>
        <source>Retry of %1 was refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="174"/>
        <source>Retry requested for %n notification(s)</source>
        <translation>
            <numerusform>Retry requested for %n notification</numerusform>
            <numerusform>Retry requested for %n notifications</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="182"/>
        <source>Could not mark %1 as contacted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="185"/>
        <source>Marked %n notification(s) as contacted</source>
        <translation>
            <numerusform>Marked %n notification as contacted</numerusform>
            <numerusform>Marked %n notifications as contacted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::FailedNotificationsPanel</name>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="26"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="27"/>
        <source>Mark &amp;contacted…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="45"/>
        <source>Failed notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="47"/>
        <source>Filter by order, customer, phone, type or error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="118"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="120"/>
        <source>Select one or more rows to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="123"/>
        <source>send them again now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="124"/>
        <source>record that the customer was reached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::MainWindow</name>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="24"/>
        <source>Vigía — bot communication console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="28"/>
        <source>Failed notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="43"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="44"/>
        <source>&amp;Connect to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="47"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="50"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="51"/>
        <source>&amp;About Vigía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="52"/>
        <source>About Vigía</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="53"/>
        <source>&lt;b&gt;Vigía %1&lt;/b&gt;&lt;p&gt;Keeps a chat bot&apos;s messages flowing: a durable outbox, delivery diagnosis and one screen to act on failures.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="90"/>
        <source>Failed notifications (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::NotificationModel</name>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="28"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="30"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="32"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="33"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="44"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="48"/>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="59"/>
        <source>Not live: this row may be out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="92"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="93"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="94"/>
        <source>Phone / recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="95"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="96"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="97"/>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="98"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::ResolveDialog</name>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="18"/>
        <source>Mark as contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="22"/>
        <source>Phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="23"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="24"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="25"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="26"/>
        <source>What was agreed with the customer (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/ResolveDialog.cpp" line="29"/>
        <source>The customer of %n selected notification(s) was reached another way. They will leave the failed list.</source>
        <translation>
            <numerusform>The customer of %n selected notification was reached another way. It will leave the failed list.</numerusform>
            <numerusform>The customer of each of the %n selected notifications was reached another way. They will leave the failed list.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="33"/>
        <source>&amp;How:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="34"/>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="36"/>
        <source>Mark contacted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vigia::StatusBanner</name>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="39"/>
        <source>Communication status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="46"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="47"/>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="48"/>
        <source>Incommunicado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="49"/>
        <source>Critical: total communication loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="50"/>
        <source>Bot offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="51"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="79"/>
        <source>No live data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="81"/>
        <source>Last known state: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="82"/>
        <source>Not connected to vigiad yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="88"/>
        <source>since %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="28"/>
        <source>Vigía operator console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="32"/>
        <source>vigiad URL, such as http://127.0.0.1:8765</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="35"/>
        <source>Save a PNG of the window once live, then quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
