<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Vigia::ConnectionDialog</name>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="18"/>
        <source>Connect to vigiad</source>
        <translation>Conectar con vigiad</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="21"/>
        <source>printed once by: vigiad token add --role admin --name …</source>
        <translation>mostrado una sola vez por: vigiad token add --role admin --name …</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="25"/>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="26"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="27"/>
        <source>The token is kept in the system keychain, never in a plain file.</source>
        <translation>El token se guarda en el llavero del sistema, nunca en un archivo de texto plano.</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="30"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="65"/>
        <source>Enter the server as http://host:port or https://host.</source>
        <translation>Ingrese el servidor como http://host:puerto o https://host.</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="69"/>
        <source>Enter the token vigiad printed when it was created.</source>
        <translation>Ingrese el token que mostró vigiad al crearlo.</translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleApplication</name>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="59"/>
        <source>Keychain: %1</source>
        <translation>Llavero del sistema: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="82"/>
        <source>The token could not be saved in the keychain (%1); it is used for this session only</source>
        <translation>No se pudo guardar el token en el llavero del sistema (%1); solo se usará en esta sesión</translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleController</name>
    <message>
        <location filename="../app/ConsoleController.cpp" line="21"/>
        <source>Connected to %1 as %2 (%3)</source>
        <translation>Conectado a %1 como %2 (%3)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="27"/>
        <source>Disconnected from %1 since %2, retrying at %3</source>
        <translation>Desconectado de %1 desde %2; próximo intento: %3</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="35"/>
        <source>vigiad refused the token for the live feed</source>
        <translation>vigiad rechazó el token para el flujo en vivo</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="53"/>
        <source>Connecting to %1…</source>
        <translation>Conectando a %1…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="68"/>
        <source>Not connected: %1</source>
        <translation>Sin conexión: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="74"/>
        <source>Cannot reach %1: %2</source>
        <translation>No se puede acceder a %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="97"/>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="98"/>
        <source>Your role (%1) may not do this; ask an admin</source>
        <translation>Su rol (%1) no permite esta acción; consulte a un administrador</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="120"/>
        <source>Could not load failed notifications: %1</source>
        <translation>No se pudieron cargar las notificaciones fallidas: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="171"/>
        <source>Retry of %1 was refused: %2</source>
        <translation>Se rechazó el reintento de %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="174"/>
        <source>Retry requested for %n notification(s)</source>
        <translation>
            <numerusform>Reintento solicitado para %n notificación</numerusform>
            <numerusform>Reintento solicitado para %n notificaciones</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="182"/>
        <source>Could not mark %1 as contacted: %2</source>
        <translation>No se pudo marcar %1 como contactado: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="185"/>
        <source>Marked %n notification(s) as contacted</source>
        <translation>
            <numerusform>Se marcó %n notificación como contactada</numerusform>
            <numerusform>Se marcaron %n notificaciones como contactadas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::FailedNotificationsPanel</name>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="26"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="27"/>
        <source>Mark &amp;contacted…</source>
        <translation>Marcar como &amp;contactado…</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="45"/>
        <source>Failed notifications</source>
        <translation>Notificaciones fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="47"/>
        <source>Filter by order, customer, phone, type or error</source>
        <translation>Filtrar por pedido, cliente, teléfono, tipo o error</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="118"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation>Sin conexión: vuelva a conectarse para operar con datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="120"/>
        <source>Select one or more rows to %1</source>
        <translation>Seleccione una o más filas para %1</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="123"/>
        <source>send them again now</source>
        <translation>reenviarlas ahora</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="124"/>
        <source>record that the customer was reached</source>
        <translation>registrar que se contactó al cliente</translation>
    </message>
</context>
<context>
    <name>Vigia::MainWindow</name>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="24"/>
        <source>Vigía — bot communication console</source>
        <translation>Vigía — consola de comunicación de bots</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="28"/>
        <source>Failed notifications</source>
        <translation>Notificaciones fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="43"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="44"/>
        <source>&amp;Connect to…</source>
        <translation>&amp;Conectar a…</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="47"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="50"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="51"/>
        <source>&amp;About Vigía</source>
        <translation>&amp;Acerca de Vigía</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="52"/>
        <source>About Vigía</source>
        <translation>Acerca de Vigía</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="53"/>
        <source>&lt;b&gt;Vigía %1&lt;/b&gt;&lt;p&gt;Keeps a chat bot&apos;s messages flowing: a durable outbox, delivery diagnosis and one screen to act on failures.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Vigía %1&lt;/b&gt;&lt;p&gt;Mantiene en marcha los mensajes de un bot de chat: bandeja de salida persistente, diagnóstico de entregas y una sola pantalla para actuar ante las fallas.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="90"/>
        <source>Failed notifications (%1)</source>
        <translation>Notificaciones fallidas (%1)</translation>
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
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="33"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="44"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="48"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="59"/>
        <source>Not live: this row may be out of date</source>
        <translation>Sin datos en vivo: esta fila puede estar desactualizada</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="92"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="93"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="94"/>
        <source>Phone / recipient</source>
        <translation>Teléfono / destinatario</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="95"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="96"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="97"/>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="98"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
</context>
<context>
    <name>Vigia::ResolveDialog</name>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="18"/>
        <source>Mark as contacted</source>
        <translation>Marcar como contactado</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="22"/>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="23"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="24"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="25"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="26"/>
        <source>What was agreed with the customer (optional)</source>
        <translation>Lo acordado con el cliente (opcional)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/ResolveDialog.cpp" line="29"/>
        <source>The customer of %n selected notification(s) was reached another way. They will leave the failed list.</source>
        <translation>
            <numerusform>Se contactó por otro medio al cliente de %n notificación seleccionada. Saldrá de la lista de fallidas.</numerusform>
            <numerusform>Se contactó por otro medio al cliente de cada una de las %n notificaciones seleccionadas. Saldrán de la lista de fallidas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="33"/>
        <source>&amp;How:</source>
        <translation>&amp;Medio:</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="34"/>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="36"/>
        <source>Mark contacted</source>
        <translation>Marcar como contactado</translation>
    </message>
</context>
<context>
    <name>Vigia::StatusBanner</name>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="39"/>
        <source>Communication status</source>
        <translation>Estado de la comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="46"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="47"/>
        <source>Degraded</source>
        <translation>Degradado</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="48"/>
        <source>Incommunicado</source>
        <translation>Incomunicado</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="49"/>
        <source>Critical: total communication loss</source>
        <translation>Crítico: pérdida total de comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="50"/>
        <source>Bot offline</source>
        <translation>Bot desconectado</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="51"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="79"/>
        <source>No live data</source>
        <translation>Sin datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="81"/>
        <source>Last known state: %1 — %2</source>
        <translation>Último estado conocido: %1 — %2</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="82"/>
        <source>Not connected to vigiad yet.</source>
        <translation>Aún no hay conexión con vigiad.</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="88"/>
        <source>since %1</source>
        <translation>desde %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="28"/>
        <source>Vigía operator console</source>
        <translation>Consola de operación de Vigía</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="32"/>
        <source>vigiad URL, such as http://127.0.0.1:8765</source>
        <translation>URL de vigiad, por ejemplo http://127.0.0.1:8765</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="35"/>
        <source>Save a PNG of the window once live, then quit</source>
        <translation>Guardar un PNG de la ventana al recibir datos en vivo y luego salir</translation>
    </message>
</context>
</TS>
