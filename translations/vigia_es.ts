<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CommandLineCheck</name>
    <message>
        <location filename="../app/CommandLineCheck.cpp" line="17"/>
        <source>No token: set VIGIA_TOKEN to the token to check.</source>
        <translation>Sin token: ponga en VIGIA_TOKEN el token que se va a comprobar.</translation>
    </message>
    <message>
        <location filename="../app/CommandLineCheck.cpp" line="46"/>
        <source>Connected to %1, but the status could not be read: %2</source>
        <translation>Conectado a %1, pero no se pudo leer el estado: %2</translation>
    </message>
    <message>
        <location filename="../app/CommandLineCheck.cpp" line="52"/>
        <source>Connected to %1 as %2 (%3). Status: %4. %5</source>
        <translation>Conectado a %1 como %2 (%3). Estado: %4. %5</translation>
    </message>
</context>
<context>
    <name>StatusTexts</name>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="12"/>
        <source>The gateway works; %n failed notification(s) not resolved yet.</source>
        <translation>
            <numerusform>El gateway funciona; %n notificación fallida sin resolver todavía.</numerusform>
            <numerusform>El gateway funciona; %n notificaciones fallidas sin resolver todavía.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="27"/>
        <source>The gateway fails its health check (%1) and deliveries fail (%2).</source>
        <translation>El gateway no pasa su verificación de salud (%1) y las entregas fallan (%2).</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="30"/>
        <source>Deliveries fail and the diagnosis reached neither the customer nor the admin.</source>
        <translation>Las entregas fallan y el diagnóstico no llegó ni al cliente ni al administrador.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="33"/>
        <source>Deliveries fail (%1), but the gateway still reaches the admin.</source>
        <translation>Las entregas fallan (%1), pero el gateway todavía llega al administrador.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="34"/>
        <source>Deliveries fail (%1), but the gateway still reaches the customer.</source>
        <translation>Las entregas fallan (%1), pero el gateway todavía llega al cliente.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="37"/>
        <source>%n failed delivery attempt(s) in the last %1 min: %2</source>
        <translation>
            <numerusform>%n intento de entrega fallido en los últimos %1 min: %2</numerusform>
            <numerusform>%n intentos de entrega fallidos en los últimos %1 min: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="42"/>
        <source>No heartbeat from the bot for %n min.</source>
        <translation>
            <numerusform>Sin latido del bot desde hace %n min.</numerusform>
            <numerusform>Sin latido del bot desde hace %n min.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="45"/>
        <source>vigiad cannot write its store (%1); deliveries wait until it can.</source>
        <translation>vigiad no puede escribir en su almacén (%1); las entregas esperan hasta que pueda.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="48"/>
        <source>The gateway fails its health check (%1); deliveries still work or none was tried.</source>
        <translation>El gateway no pasa su verificación de salud (%1); las entregas aún funcionan o no se ha intentado ninguna.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="52"/>
        <source>The last health check failed (%1); one more failure raises the alarm.</source>
        <translation>La última verificación de salud falló (%1); una falla más activa la alarma.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="54"/>
        <source>The gateway is WORKING and deliveries succeed.</source>
        <translation>El gateway está en WORKING y las entregas funcionan.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="56"/>
        <source>The gateway is WORKING; a recent delivery failed.</source>
        <translation>El gateway está en WORKING; una entrega reciente falló.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="58"/>
        <source>The gateway is WORKING; no delivery tried yet.</source>
        <translation>El gateway está en WORKING; aún no se ha intentado ninguna entrega.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="59"/>
        <source>Deliveries succeed.</source>
        <translation>Las entregas funcionan.</translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="60"/>
        <source>No signal yet.</source>
        <translation>Aún no hay señales.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="62"/>
        <source>The gateway works; %n notification(s) failed for their recipients.</source>
        <translation>
            <numerusform>La pasarela funciona; %n notificación falló para su destinatario.</numerusform>
            <numerusform>La pasarela funciona; %n notificaciones fallaron para sus destinatarios.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/StatusTexts.cpp" line="65"/>
        <source>%n delivery attempt(s) failed; retries may still get through (%1 s to settle).</source>
        <translation>
            <numerusform>Falló %n intento de entrega; los reintentos aún pueden pasar (%1 s de margen).</numerusform>
            <numerusform>Fallaron %n intentos de entrega; los reintentos aún pueden pasar (%1 s de margen).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/StatusTexts.cpp" line="68"/>
        <source>As before the restart; re-checking now.</source>
        <translation>Como antes del reinicio; comprobando de nuevo.</translation>
    </message>
</context>
<context>
    <name>Vigia::AuditModel</name>
    <message>
        <location filename="../models/AuditModel.cpp" line="48"/>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="49"/>
        <source>Mark contacted</source>
        <translation>Marcar como contactado</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="50"/>
        <source>I&apos;m handling it (claim)</source>
        <translation>Lo atiendo yo (tomar)</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="51"/>
        <source>Stop handling (release)</source>
        <translation>Dejar de atender (liberar)</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="52"/>
        <source>Retry all failed</source>
        <translation>Reintentar todas las fallidas</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="53"/>
        <source>Clean up queue</source>
        <translation>Limpiar la cola</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="54"/>
        <source>Health check</source>
        <translation>Verificación de salud</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="55"/>
        <source>Restart bot</source>
        <translation>Reiniciar bot</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="56"/>
        <source>Restart gateway</source>
        <translation>Reiniciar gateway</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="57"/>
        <source>Clear conversation</source>
        <translation>Borrar conversación</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="58"/>
        <source>Clear flow</source>
        <translation>Borrar flujo</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="59"/>
        <source>Retention clean-up</source>
        <translation>Limpieza por retención</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="67"/>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="71"/>
        <location filename="../models/AuditModel.cpp" line="75"/>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="74"/>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="117"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="118"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="119"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="120"/>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <location filename="../models/AuditModel.cpp" line="121"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
</context>
<context>
    <name>Vigia::AuditPanel</name>
    <message>
        <location filename="../widgets/AuditPanel.cpp" line="40"/>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location filename="../widgets/AuditPanel.cpp" line="49"/>
        <source>Filter by who, action, target or outcome</source>
        <translation>Filtrar por quién, acción, objetivo o resultado</translation>
    </message>
    <message>
        <location filename="../widgets/AuditPanel.cpp" line="60"/>
        <source>Only admins can read the audit log.</source>
        <translation>Solo los administradores pueden ver el registro de auditoría.</translation>
    </message>
</context>
<context>
    <name>Vigia::AwayDigestPanel</name>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="36"/>
        <source>While you were away</source>
        <translation>Mientras no estabas</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="42"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="69"/>
        <source>You were away for %1 (since %2).</source>
        <translation>Estuviste fuera %1 (desde el %2).</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="73"/>
        <source>Older history is no longer kept.</source>
        <translation>El historial más antiguo ya no se conserva.</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="74"/>
        <source>Now: %1.</source>
        <translation>Ahora: %1.</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="82"/>
        <source>%1, still now</source>
        <translation>%1, hasta ahora</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="83"/>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="86"/>
        <source>The status did not change.</source>
        <translation>El estado no cambió.</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="87"/>
        <source>Status changes:</source>
        <translation>Cambios de estado:</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="89"/>
        <source>Delivered: %1 · Failed: %2 · Resolved: %3</source>
        <translation>Entregadas: %1 · Fallidas: %2 · Resueltas: %3</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="96"/>
        <source>Incident since %1, still open</source>
        <translation>Incidente desde el %1, aún abierto</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="97"/>
        <source>Incident from %1 to %2</source>
        <translation>Incidente del %1 al %2</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="105"/>
        <source>%1: %2 by %3</source>
        <translation>%1: %2 por %3</translation>
    </message>
    <message>
        <location filename="../widgets/AwayDigestPanel.cpp" line="109"/>
        <source>Other operators:</source>
        <translation>Otros operadores:</translation>
    </message>
</context>
<context>
    <name>Vigia::ChartsPanel</name>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="47"/>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="48"/>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="49"/>
        <source>24 hours</source>
        <translation>24 horas</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="50"/>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="51"/>
        <source>30 days</source>
        <translation>30 días</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="52"/>
        <source>1 year</source>
        <translation>1 año</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="65"/>
        <source>No history yet for this range. vigiad records a point every minute while it runs; the first one appears here when a minute ends.</source>
        <translation>Aún no hay historial para este periodo. vigiad registra un punto cada minuto mientras funciona; el primero aparece aquí al terminar un minuto.</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="67"/>
        <source>Success rate (%)</source>
        <translation>Tasa de éxito (%)</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="68"/>
        <source>Queue (notifications waiting)</source>
        <translation>Cola (notificaciones en espera)</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="228"/>
        <source>Operator actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="263"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="264"/>
        <source>%1: %2 by %3</source>
        <translation>%1: %2, por %3</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="266"/>
        <source>(did not succeed: %1)</source>
        <translation>(no tuvo éxito: %1)</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="350"/>
        <source>Online %1 % of the time shown</source>
        <translation>En línea el %1 % del tiempo mostrado</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="351"/>
        <source>Time online: not known yet</source>
        <translation>Tiempo en línea: aún no se sabe</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="365"/>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="369"/>
        <source>Success rate: %1 % (%2 of %3 attempts delivered)</source>
        <translation>Tasa de éxito: %1 % (%2 de %3 intentos entregados)</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="373"/>
        <source>No delivery attempts</source>
        <translation>Sin intentos de entrega</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="375"/>
        <source>Waiting: %1</source>
        <translation>En espera: %1</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="377"/>
        <source>Failed, not resolved: %1</source>
        <translation>Fallidas sin resolver: %1</translation>
    </message>
    <message>
        <location filename="../widgets/ChartsPanel.cpp" line="378"/>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
</context>
<context>
    <name>Vigia::ConnectionCheck</name>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="102"/>
        <source>Connection refused: nothing answers at %1. Is vigiad running, and is the port right?</source>
        <translation>Conexión rechazada: nada responde en %1. ¿Está vigiad en marcha y es el puerto correcto?</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="106"/>
        <source>Host not found: the name &quot;%1&quot; does not resolve (DNS). Check the spelling.</source>
        <translation>Servidor no encontrado: el nombre «%1» no se resuelve (DNS). Revise cómo está escrito.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="109"/>
        <source>Secure connection (TLS) to %1 failed: %2. Check the certificate, or whether the server speaks http rather than https.</source>
        <translation>Falló la conexión segura (TLS) con %1: %2. Revise el certificado, o si el servidor usa http en vez de https.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="113"/>
        <source>No answer from %1 in time. The server may be down or a firewall may drop the connection.</source>
        <translation>%1 no respondió a tiempo. Puede que el servidor esté caído o que un cortafuegos descarte la conexión.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="117"/>
        <source>vigiad does not know this token (401): it was mistyped or has been revoked. Ask an admin for a new one.</source>
        <translation>vigiad no reconoce este token (401): está mal escrito o fue revocado. Pida uno nuevo a un administrador.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="120"/>
        <source>vigiad refused this token (403): it may not use the console.</source>
        <translation>vigiad rechazó este token (403): no puede usar la consola.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="122"/>
        <source>Something answers at %1, but it is not vigiad. Check the address and port.</source>
        <translation>Algo responde en %1, pero no es vigiad. Revise la dirección y el puerto.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="125"/>
        <source>This vigiad (version %1) does not work with this console (version %2). Update one of them.</source>
        <translation>Este vigiad (versión %1) no funciona con esta consola (versión %2). Actualice uno de los dos.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="127"/>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="130"/>
        <source>Could not connect to %1: %2</source>
        <translation>No se pudo conectar con %1: %2</translation>
    </message>
</context>
<context>
    <name>Vigia::ConnectionDialog</name>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="23"/>
        <source>In the system &amp;keychain (recommended)</source>
        <translation>En el &amp;llavero del sistema (recomendado)</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="25"/>
        <source>For this session &amp;only: asked again at the next start</source>
        <translation>Solo en esta s&amp;esión: se pedirá de nuevo al volver a abrir</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="31"/>
        <source>Connect to vigiad</source>
        <translation>Conectar con vigiad</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="37"/>
        <source>printed once by: vigiad token add --role admin --name …</source>
        <translation>mostrado una sola vez por: vigiad token add --role admin --name …</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="54"/>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="55"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="56"/>
        <source>Keep the token</source>
        <translation>Guardar el token</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="62"/>
        <source>Nothing is saved until vigiad has accepted the token.</source>
        <translation>No se guarda nada hasta que vigiad acepte el token.</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="64"/>
        <location filename="../widgets/ConnectionDialog.cpp" line="167"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="118"/>
        <source>This computer has no system keychain that Vigía can use (no Secret Service is running), so the token cannot be kept there. Choose: keep it for this session only, and type it again at the next start; or keep it in a file that only your user account can read, and connect without asking.</source>
        <translation>Este equipo no tiene un llavero del sistema que Vigía pueda usar (no hay ningún Secret Service en marcha), así que el token no puede guardarse allí. Elija: usarlo solo en esta sesión y escribirlo de nuevo la próxima vez; o guardarlo en un archivo que solo su cuenta de usuario puede leer, y conectar sin que se lo pidan.</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="143"/>
        <source>In a &amp;file only you can read (0600)</source>
        <translation>En un &amp;archivo que solo usted puede leer (0600)</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="144"/>
        <source>In a &amp;file only you can read (0600): %1</source>
        <translation>En un &amp;archivo que solo usted puede leer (0600): %1</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="167"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="185"/>
        <source>Enter the server as http://host:port or https://host.</source>
        <translation>Ingrese el servidor como http://host:puerto o https://host.</translation>
    </message>
    <message>
        <location filename="../widgets/ConnectionDialog.cpp" line="189"/>
        <source>Enter the token vigiad printed when it was created.</source>
        <translation>Ingrese el token que mostró vigiad al crearlo.</translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleApplication</name>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="205"/>
        <source>the system keychain is turned off</source>
        <translation>el llavero del sistema está desactivado</translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplication.cpp" line="315"/>
        <source>vigiad accepted the token, but it could not be kept (%1). Choose another way to keep it, then connect again.</source>
        <translation>vigiad aceptó el token, pero no se pudo guardar (%1). Elija otra forma de guardarlo y vuelva a conectar.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="179"/>
        <source>A token typed here is kept in the system keychain.</source>
        <translation>El token que escribas aquí se guarda en el llavero del sistema.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="182"/>
        <source>A token typed here is kept in %1, readable only by you.</source>
        <translation>El token que escribas aquí se guarda en %1, que solo tú puedes leer.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="186"/>
        <source>A token typed here is used until the console closes: you chose not to keep tokens.</source>
        <translation>El token que escribas aquí se usa hasta que cierres la consola: elegiste no guardar tokens.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleApplicationProfiles.cpp" line="242"/>
        <source>The token for %1 could not be kept: %2</source>
        <translation>No se pudo guardar el token de %1: %2</translation>
    </message>
</context>
<context>
    <name>Vigia::ConsoleController</name>
    <message>
        <location filename="../app/ConsoleController.cpp" line="144"/>
        <source>Connected to %1 as %2 (%3)</source>
        <translation>Conectado a %1 como %2 (%3)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="82"/>
        <source>Disconnected from %1 since %2, retrying at %3</source>
        <translation>Desconectado de %1 desde %2; próximo intento: %3</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="92"/>
        <source>vigiad refused the token for the live feed</source>
        <translation>vigiad rechazó el token para el flujo en vivo</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="119"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="105"/>
        <source>connecting…</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="120"/>
        <location filename="../app/ConsoleController.cpp" line="153"/>
        <source>Connecting to %1…</source>
        <translation>Conectando a %1…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="179"/>
        <source>Not connected: %1</source>
        <translation>Sin conexión: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="236"/>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="237"/>
        <source>Your role (%1) may not do this; ask an admin</source>
        <translation>Su rol (%1) no permite esta acción; consulte a un administrador</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="269"/>
        <source>Could not load the active sessions: %1</source>
        <translation>No se pudieron cargar las sesiones activas: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="286"/>
        <source>Could not load the conversations: %1</source>
        <translation>No se pudieron cargar las conversaciones: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="304"/>
        <source>Could not load incidents: %1</source>
        <translation>No se pudieron cargar los incidentes: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="324"/>
        <source>Could not load the audit log: %1</source>
        <translation>No se pudo cargar el registro de auditoría: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="383"/>
        <source>Communication restored after an outage of %1 s: %n notification(s) it held sent again</source>
        <translation>
            <numerusform>Comunicación restablecida tras una caída de %1 s: se reenvió %n notificación retenida</numerusform>
            <numerusform>Comunicación restablecida tras una caída de %1 s: se reenviaron %n notificaciones retenidas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="44"/>
        <source>Could not load failed notifications: %1</source>
        <translation>No se pudieron cargar las notificaciones fallidas: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="43"/>
        <source>Could not load more failed notifications: %1</source>
        <translation>No se pudieron cargar más notificaciones fallidas: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="50"/>
        <source>Could not load waiting notifications: %1</source>
        <translation>No se pudieron cargar las notificaciones en espera: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLists.cpp" line="49"/>
        <source>Could not load more waiting notifications: %1</source>
        <translation>No se pudieron cargar más notificaciones en espera: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="421"/>
        <source>Could not load the history: %1</source>
        <translation>No se pudo cargar el historial: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="27"/>
        <source>Retry of %1 was refused: %2</source>
        <translation>Se rechazó el reintento de %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerActions.cpp" line="30"/>
        <source>Retry requested for %n notification(s)</source>
        <translation>
            <numerusform>Reintento solicitado para %n notificación</numerusform>
            <numerusform>Reintento solicitado para %n notificaciones</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="40"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="332"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="349"/>
        <source>Could not mark %1 as contacted: %2</source>
        <translation>No se pudo marcar %1 como contactado: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerActions.cpp" line="43"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="274"/>
        <source>Marked %n notification(s) as contacted</source>
        <translation>
            <numerusform>Se marcó %n notificación como contactada</numerusform>
            <numerusform>Se marcaron %n notificaciones como contactadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="54"/>
        <source>Retry of every failed notification was refused: %1</source>
        <translation>Se rechazó reintentar todas las notificaciones fallidas: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerActions.cpp" line="57"/>
        <source>Queued %n failed notification(s) again</source>
        <translation>
            <numerusform>Se volvió a encolar %n notificación fallida</numerusform>
            <numerusform>Se volvieron a encolar %n notificaciones fallidas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="71"/>
        <source>You are handling %1</source>
        <translation>Usted atiende %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="73"/>
        <source>Could not take %1: %2</source>
        <translation>No se pudo tomar %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="82"/>
        <source>Released %1: anyone may handle it</source>
        <translation>Se liberó %1: cualquiera puede atenderlo</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="84"/>
        <source>Could not release %1: %2</source>
        <translation>No se pudo liberar %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="142"/>
        <source>Could not load notification %1: %2</source>
        <translation>No se pudo cargar la notificación %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="167"/>
        <source>Wait for the previous action to finish</source>
        <translation>Espere a que termine la acción anterior</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="185"/>
        <source>Checking the gateway…</source>
        <translation>Verificando el gateway…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="189"/>
        <source>The health check could not run: %1</source>
        <translation>No se pudo ejecutar la verificación de salud: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="194"/>
        <source>Health check passed: the gateway is %1 (%2 ms)</source>
        <translation>Verificación de salud correcta: el gateway está en estado %1 (%2 ms)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="201"/>
        <source>the gateway is %1</source>
        <translation>el gateway está en estado %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="202"/>
        <source>Health check failed: %1</source>
        <translation>Falló la verificación de salud: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="210"/>
        <source>Restarting the bot…</source>
        <translation>Reiniciando el bot…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="214"/>
        <source>The bot restart failed: %1</source>
        <translation>Falló el reinicio del bot: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="219"/>
        <source>The bot restart failed (exit code %1)</source>
        <translation>Falló el reinicio del bot (código de salida %1)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="222"/>
        <source>Bot restarted (exit code %1)</source>
        <translation>Bot reiniciado (código de salida %1)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="238"/>
        <source>Cleared the “%1” conversation of %2</source>
        <translation>Se borró la conversación “%1” de %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="240"/>
        <source>The “%1” conversation of %2 had already ended</source>
        <translation>La conversación “%1” de %2 ya había terminado</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="242"/>
        <source>Could not clear the “%1” conversation of %2: %3</source>
        <translation>No se pudo borrar la conversación “%1” de %2: %3</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="251"/>
        <source>Restarting the gateway…</source>
        <translation>Reiniciando el gateway…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="257"/>
        <source>The gateway restart failed: %1</source>
        <translation>Falló el reinicio del gateway: %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerActions.cpp" line="260"/>
        <source>The gateway is restarting; its signal turns OK when it works again</source>
        <translation>El gateway se está reiniciando; su señal pasará a OK cuando vuelva a funcionar</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="24"/>
        <source>phone call</source>
        <translation>llamada telefónica</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="25"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="26"/>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="30"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="56"/>
        <source>The console&apos;s local copy (%1) cannot be used: %2</source>
        <translation>No se puede usar la copia local de la consola (%1): %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="155"/>
        <source>As of %1 — %2</source>
        <translation>Datos de las %1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="171"/>
        <source>Contacted (%1): kept on this computer, sent when the link is back</source>
        <translation>Contactado (%1): guardado en este equipo; se envía cuando vuelva la conexión</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="259"/>
        <source>Could not keep the action on %1 on this computer: %2</source>
        <translation>No se pudo guardar en este equipo la acción sobre %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleControllerLocal.cpp" line="276"/>
        <source>Not connected: %n action(s) kept on this computer, to send when the link is back</source>
        <translation>
            <numerusform>Sin conexión: %n acción guardada en este equipo; se enviará cuando vuelva la conexión</numerusform>
            <numerusform>Sin conexión: %n acciones guardadas en este equipo; se enviarán cuando vuelva la conexión</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="296"/>
        <source>Contacted (%1): sending…</source>
        <translation>Contactado (%1): enviando…</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="313"/>
        <location filename="../app/ConsoleControllerLocal.cpp" line="358"/>
        <source>%1 marked as contacted (%2)</source>
        <translation>%1 marcado como contactado (%2)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="363"/>
        <source>%1 was already resolved by %2 (%3) before your action was sent; yours was not applied</source>
        <translation>%2 ya había resuelto %1 (%3) antes de que se enviara tu acción; la tuya no se aplicó</translation>
    </message>
    <message>
        <location filename="../app/ConsoleControllerLocal.cpp" line="379"/>
        <source>Not marked: %1</source>
        <translation>No se marcó: %1</translation>
    </message>
</context>
<context>
    <name>Vigia::ConversationModel</name>
    <message>
        <location filename="../models/ConversationModel.cpp" line="45"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="48"/>
        <source>Expired</source>
        <translation>Vencida</translation>
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
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="55"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="56"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="80"/>
        <source>Expired at %1; vigiad removes it on its next sweep</source>
        <translation>Venció el %1; vigiad la quitará en su próxima limpieza</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/ConversationModel.cpp" line="83"/>
        <source>Expires at %1 (time to live: %n s from the last step)</source>
        <translation>
            <numerusform>Vence el %1 (tiempo de vida: %n s desde el último paso)</numerusform>
            <numerusform>Vence el %1 (tiempo de vida: %n s desde el último paso)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="124"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="125"/>
        <source>Flow</source>
        <translation>Flujo</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="126"/>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="127"/>
        <source>Expires in</source>
        <translation>Vence en</translation>
    </message>
    <message>
        <location filename="../models/ConversationModel.cpp" line="128"/>
        <source>Updated</source>
        <translation>Actualizada</translation>
    </message>
</context>
<context>
    <name>Vigia::CredentialStore</name>
    <message>
        <location filename="../app/CredentialStore.cpp" line="160"/>
        <source>cannot create the folder of %1</source>
        <translation>no se puede crear la carpeta de %1</translation>
    </message>
    <message>
        <location filename="../app/CredentialStore.cpp" line="166"/>
        <location filename="../app/CredentialStore.cpp" line="169"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Vigia::FailedNotificationsPanel</name>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="81"/>
        <source>Only &amp;orders</source>
        <translation>Solo &amp;pedidos</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="82"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="528"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="84"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="530"/>
        <source>Mark &amp;contacted…</source>
        <translation>Marcar como &amp;contactado…</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="85"/>
        <source>Retry &amp;all…</source>
        <translation>Reintentar &amp;todas…</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="196"/>
        <source>Failed notifications</source>
        <translation>Notificaciones fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="237"/>
        <source>Search order, customer, phone, text or error (Ctrl+F)</source>
        <translation>Buscar pedido, cliente, teléfono, texto o error (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="238"/>
        <source>Search failed notifications</source>
        <translation>Buscar notificaciones fallidas</translation>
    </message>
    <message>
        <source>Filter by order, customer, phone, type or error</source>
        <translation type="vanished">Filtrar por pedido, cliente, teléfono, tipo o error</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="80"/>
        <source>Loading more…</source>
        <translation>Cargando más…</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="140"/>
        <source>Loading the next page of failed notifications</source>
        <translation>Cargando la siguiente página de notificaciones fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="254"/>
        <source>Show only notifications that belong to an order</source>
        <translation>Mostrar solo las notificaciones que pertenecen a un pedido</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="266"/>
        <source>Retry the selected notifications</source>
        <translation>Reintentar las notificaciones seleccionadas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="267"/>
        <source>Mark the selected notifications as contacted</source>
        <translation>Marcar las notificaciones seleccionadas como contactadas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="268"/>
        <source>Retry every failed notification</source>
        <translation>Reintentar todas las notificaciones fallidas</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="330"/>
        <source>%Ln+ match(es)</source>
        <translation>
            <numerusform>%Ln+ coincidencia</numerusform>
            <numerusform>%Ln+ coincidencias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="331"/>
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln coincidencia</numerusform>
            <numerusform>%Ln coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="424"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="435"/>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="457"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation>Sin conexión: vuelva a conectarse para operar con datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="426"/>
        <source>Select one or more rows to %1</source>
        <translation>Seleccione una o más filas para %1</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="429"/>
        <source>send them again now</source>
        <translation>reenviarlas ahora</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="432"/>
        <source>Not connected: kept on this computer and sent when the link is back</source>
        <translation>Sin conexión: se guarda en este equipo y se envía cuando vuelva la conexión</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="433"/>
        <source>record that the customer was reached</source>
        <translation>registrar que se contactó al cliente</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="436"/>
        <source>Send every failed notification again</source>
        <translation>Enviar de nuevo todas las notificaciones fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="459"/>
        <source>Select a row first</source>
        <translation>Seleccione una fila primero</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="461"/>
        <source>%1 is handling it</source>
        <translation>%1 lo está atendiendo</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="463"/>
        <source>You are handling it already</source>
        <translation>Usted ya lo está atendiendo</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="465"/>
        <source>Nobody is handling it</source>
        <translation>Nadie lo está atendiendo</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="494"/>
        <source>Retry all failed</source>
        <translation>Reintentar todas las fallidas</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="495"/>
        <source>Retry all %Ln+ failed notification(s)?</source>
        <translation>
            <numerusform>¿Reintentar %Ln+ notificación fallida?</numerusform>
            <numerusform>¿Reintentar las %Ln+ notificaciones fallidas?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="496"/>
        <source>Retry all %Ln failed notification(s)?</source>
        <translation>
            <numerusform>¿Reintentar %Ln notificación fallida?</numerusform>
            <numerusform>¿Reintentar las %Ln notificaciones fallidas?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="499"/>
        <source>Each is sent again now; the ones that fail come back here.</source>
        <translation>Cada una se envía de nuevo ahora; las que vuelvan a fallar regresan aquí.</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="501"/>
        <source>Retry all</source>
        <translation>Reintentar todas</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="535"/>
        <source>I&apos;m handling &amp;this</source>
        <translation>Lo &amp;atiendo yo</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="539"/>
        <source>R&amp;elease</source>
        <translation>&amp;Liberar</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="542"/>
        <source>Copy &amp;phone</source>
        <translation>Copiar &amp;teléfono</translation>
    </message>
    <message>
        <location filename="../widgets/FailedNotificationsPanel.cpp" line="543"/>
        <source>Copy &amp;message</source>
        <translation>Copiar &amp;mensaje</translation>
    </message>
</context>
<context>
    <name>Vigia::HistoryModel</name>
    <message>
        <location filename="../models/HistoryModel.cpp" line="23"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="24"/>
        <source>Degraded</source>
        <translation>Degradado</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="25"/>
        <source>Incommunicado</source>
        <translation>Incomunicado</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="26"/>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="27"/>
        <source>Bot offline</source>
        <translation>Bot desconectado</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="28"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="86"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="126"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="127"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="128"/>
        <source>Delivered</source>
        <translation>Entregadas</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="129"/>
        <source>Success rate</source>
        <translation>Tasa de éxito</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="130"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="131"/>
        <source>Failed</source>
        <translation>Fallidas</translation>
    </message>
    <message>
        <location filename="../models/HistoryModel.cpp" line="132"/>
        <source>State</source>
        <translation>Estado</translation>
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
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="49"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="62"/>
        <source>Webhook only</source>
        <translation>Solo webhook</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="63"/>
        <source>Total communication loss</source>
        <translation>Pérdida total de comunicación</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="66"/>
        <source>Ongoing</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="71"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="72"/>
        <source>Admin only</source>
        <translation>Solo administrador</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="73"/>
        <source>No one</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="83"/>
        <source>The gateway still reached the customer or the admin: only the bot&apos;s own deliveries failed.</source>
        <translation>El gateway todavía llegaba al cliente o al administrador: solo fallaron las entregas propias del bot.</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="85"/>
        <source>Neither the customer nor the admin could be reached.</source>
        <translation>No se pudo llegar ni al cliente ni al administrador.</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="127"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="128"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="129"/>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="130"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="131"/>
        <source>Reached</source>
        <translation>Llegó a</translation>
    </message>
    <message>
        <location filename="../models/IncidentModel.cpp" line="132"/>
        <source>Affected</source>
        <translation>Afectadas</translation>
    </message>
</context>
<context>
    <name>Vigia::IncidentsPanel</name>
    <message>
        <location filename="../widgets/IncidentsPanel.cpp" line="38"/>
        <source>Communication incidents</source>
        <translation>Incidentes de comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/IncidentsPanel.cpp" line="54"/>
        <source>Outages the diagnosis confirmed after a notification used up its attempts. Hover a row for how it ended.</source>
        <translation>Cortes que el diagnóstico confirmó después de que una notificación agotara sus intentos. Pase el puntero sobre una fila para ver cómo terminó.</translation>
    </message>
</context>
<context>
    <name>Vigia::MainWindow</name>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="350"/>
        <source>Vigía — bot communication console</source>
        <translation>Vigía — consola de comunicación de bots</translation>
    </message>
    <message>
        <source>Failed notifications</source>
        <translation type="vanished">Notificaciones fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="60"/>
        <source>Failed</source>
        <translation>Fallidas</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="63"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="66"/>
        <location filename="../widgets/MainWindow.cpp" line="489"/>
        <source>Incidents</source>
        <translation>Incidentes</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="69"/>
        <source>Active sessions</source>
        <translation>Sesiones activas</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="73"/>
        <source>Audit</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="133"/>
        <source>Charts</source>
        <translation>Gráficas</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="146"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="148"/>
        <source>&amp;Connect to…</source>
        <translation>&amp;Conectar a…</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="150"/>
        <source>S&amp;erver</source>
        <translation>Ser&amp;vidor</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="155"/>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Reconectar ahora</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="160"/>
        <source>&amp;Settings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="165"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="186"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="188"/>
        <source>&amp;While you were away…</source>
        <translation>&amp;Mientras no estabas…</translation>
    </message>
    <message>
        <source>&amp;Snooze alerts for 15 min</source>
        <translation type="vanished">&amp;Silenciar alertas 15 min</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="203"/>
        <source>&amp;Repeat a sound until I look</source>
        <translation>&amp;Repetir un sonido hasta que mire</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="207"/>
        <source>Each alert also sounds, every 10 s, until you switch to this window</source>
        <translation>Cada alerta también suena, cada 10 s, hasta que cambies a esta ventana</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="208"/>
        <source>S&amp;ilence the alert</source>
        <translation>S&amp;ilenciar la alerta</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="213"/>
        <source>&amp;Keep running in the tray when closed</source>
        <translation>Seguir en la &amp;bandeja al cerrar</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="217"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="218"/>
        <source>&amp;About Vigía</source>
        <translation>&amp;Acerca de Vigía</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="220"/>
        <source>About Vigía</source>
        <translation>Acerca de Vigía</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="221"/>
        <source>&lt;b&gt;Vigía %1&lt;/b&gt;&lt;p&gt;Keeps a chat bot&apos;s messages flowing: a durable outbox, delivery diagnosis and one screen to act on failures.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Vigía %1&lt;/b&gt;&lt;p&gt;Mantiene en marcha los mensajes de un bot de chat: bandeja de salida persistente, diagnóstico de entregas y una sola pantalla para actuar ante las fallas.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="249"/>
        <source>Connect…</source>
        <translation>Conectar…</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="251"/>
        <source>Reconnect now</source>
        <translation>Reconectar ahora</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="271"/>
        <source>Not connected — File → Connect to…</source>
        <translation>Sin conexión — Archivo → Conectar a…</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="273"/>
        <source>The link to vigiad is lost; the console keeps retrying on its own. What you see may be out of date.</source>
        <translation>Se perdió la conexión con vigiad; la consola sigue reintentando sola. Lo que ve puede estar desactualizado.</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="312"/>
        <source>The tray icon brings the window back</source>
        <translation>El icono de la bandeja vuelve a mostrar la ventana</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="313"/>
        <source>This desktop has no system tray</source>
        <translation>Este escritorio no tiene bandeja del sistema</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="348"/>
        <source>%1 — Vigía DEMO</source>
        <translation>%1 — Vigía DEMO</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="348"/>
        <source>%1 — Vigía</source>
        <translation>%1 — Vigía</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="349"/>
        <source>Vigía DEMO — bot communication console</source>
        <translation>Vigía DEMO — consola de comunicación de bots</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/MainWindow.cpp" line="390"/>
        <source>&amp;Snooze alerts for %n min</source>
        <translation>
            <numerusform>&amp;Silenciar alertas %n min</numerusform>
            <numerusform>&amp;Silenciar alertas %n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="472"/>
        <source>Waiting (%1)</source>
        <translation>En espera (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="472"/>
        <source>Waiting (%1+)</source>
        <translation>En espera (%1+)</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="455"/>
        <source>Failed (%1+)</source>
        <translation>Fallidas (%1+)</translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="455"/>
        <source>Failed (%1)</source>
        <translation>Fallidas (%1)</translation>
    </message>
    <message>
        <source>Failed notifications (%1)</source>
        <translation type="vanished">Notificaciones fallidas (%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/MainWindow.cpp" line="489"/>
        <source>Incidents (%n open)</source>
        <translation>
            <numerusform>Incidentes (%n abierto)</numerusform>
            <numerusform>Incidentes (%n abiertos)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/MainWindow.cpp" line="495"/>
        <source>Active sessions (%1)</source>
        <translation>Sesiones activas (%1)</translation>
    </message>
</context>
<context>
    <name>Vigia::NotificationDetailsPane</name>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="36"/>
        <source>I&apos;m handling &amp;this</source>
        <translation>Lo &amp;atiendo yo</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="37"/>
        <source>R&amp;elease</source>
        <translation>&amp;Liberar</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="39"/>
        <source>Copy &amp;phone</source>
        <translation>Copiar &amp;teléfono</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="40"/>
        <source>Open c&amp;hat</source>
        <translation>Abrir c&amp;hat</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="41"/>
        <source>Copy &amp;message</source>
        <translation>Copiar &amp;mensaje</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="44"/>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="63"/>
        <source>Notification details</source>
        <translation>Detalles de la notificación</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="57"/>
        <source>Tell the other operators you are handling this</source>
        <translation>Avisar a los demás operadores que usted lo atiende</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="58"/>
        <source>Stop handling this notification</source>
        <translation>Dejar de atender esta notificación</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="70"/>
        <source>Copy the phone or recipient</source>
        <translation>Copiar el teléfono o destinatario</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="71"/>
        <source>Open the WhatsApp chat</source>
        <translation>Abrir el chat de WhatsApp</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="72"/>
        <source>Copy the message</source>
        <translation>Copiar el mensaje</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="111"/>
        <source>Select a notification to see its details</source>
        <translation>Seleccione una notificación para ver sus detalles</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="124"/>
        <source>You are handling this until %1</source>
        <translation>Usted lo atiende hasta %1</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="126"/>
        <source>%1 is handling this until %2</source>
        <translation>%1 lo está atendiendo hasta %2</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="130"/>
        <source>The other consoles show that you are handling it</source>
        <translation>Las demás consolas muestran que usted lo atiende</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="131"/>
        <source>Let someone else handle it</source>
        <translation>Dejar que otra persona lo atienda</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="147"/>
        <source>%1 — order %2</source>
        <translation>%1 — pedido %2</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="154"/>
        <source>Only for WhatsApp numbers</source>
        <translation>Solo para números de WhatsApp</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="165"/>
        <source>delivered</source>
        <translation>entregada</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="167"/>
        <source>failed, to be retried</source>
        <translation>falló, se reintentará</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="169"/>
        <source>failed for good</source>
        <translation>falló definitivamente</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="171"/>
        <source>interrupted</source>
        <translation>interrumpida</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="178"/>
        <source>sent again</source>
        <translation>reenviada</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="179"/>
        <source>phone call</source>
        <translation>llamada telefónica</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="180"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="181"/>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="182"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="192"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="193"/>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="194"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="196"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="197"/>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="198"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="198"/>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="199"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="199"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="202"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="204"/>
        <source>%1 (%2)</source>
        <comment>type name (code)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="205"/>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="206"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="209"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="213"/>
        <source>Attempts (%1 of %2)</source>
        <translation>Intentos (%1 de %2)</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="218"/>
        <source>No attempt recorded</source>
        <translation>Ningún intento registrado</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="221"/>
        <source>#%1 at %2: %3</source>
        <translation>#%1, %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="223"/>
        <source>(HTTP %1)</source>
        <translation>(HTTP %1)</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="233"/>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="234"/>
        <source>%1 by %2 at %3</source>
        <translation>%1 por %2, %3</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="242"/>
        <source>Audit</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <location filename="../widgets/NotificationDetailsPane.cpp" line="245"/>
        <source>%1: %2 by %3 (%4)</source>
        <translation>%1: %2 por %3 (%4)</translation>
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
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="36"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="44"/>
        <source>You are handling it</source>
        <translation>Usted lo está atendiendo</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="45"/>
        <source>%1 is handling it</source>
        <translation>%1 lo está atendiendo</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/NotificationModel.cpp" line="55"/>
        <source>Until %1 (%n min left)</source>
        <translation>
            <numerusform>Hasta %1 (queda %n min)</numerusform>
            <numerusform>Hasta %1 (quedan %n min)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="62"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="63"/>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="64"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="72"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="73"/>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="74"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="75"/>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="76"/>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="100"/>
        <source>Order received</source>
        <translation>Pedido recibido</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="102"/>
        <source>Order ready</source>
        <translation>Pedido listo</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="104"/>
        <source>Order shipped</source>
        <translation>Pedido enviado</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="106"/>
        <source>Payment confirmed</source>
        <translation>Pago confirmado</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="108"/>
        <source>Left the voice channel</source>
        <translation>Salió del canal de voz</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="110"/>
        <source>Conversation ended</source>
        <translation>Conversación terminada</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="112"/>
        <source>Recovery summary</source>
        <translation>Resumen de la recuperación</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="119"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="131"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="162"/>
        <source>Next attempt at %1</source>
        <translation>Próximo intento: %1</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="165"/>
        <source>Not live: this row may be out of date</source>
        <translation>Sin datos en vivo: esta fila puede estar desactualizada</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="209"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="210"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="211"/>
        <source>Handled by</source>
        <translation>Atendido por</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="212"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="213"/>
        <source>Phone / recipient</source>
        <translation>Teléfono / destinatario</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="214"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="215"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="216"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="217"/>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="218"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="342"/>
        <source>Not sent yet</source>
        <translation>Sin enviar</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="343"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../models/NotificationModel.cpp" line="344"/>
        <source>Not marked</source>
        <translation>No se marcó</translation>
    </message>
</context>
<context>
    <name>Vigia::ProfileActions</name>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="38"/>
        <source>no live data</source>
        <translation>sin datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="39"/>
        <source>no token kept</source>
        <translation>sin token guardado</translation>
    </message>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="42"/>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <location filename="../widgets/ProfileActions.cpp" line="84"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>Vigia::QueueStatsPanel</name>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="18"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="20"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="22"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="23"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="31"/>
        <source>Clean up…</source>
        <translation>Limpiar…</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="35"/>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="41"/>
        <source>Not read yet</source>
        <translation>Aún sin leer</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="45"/>
        <location filename="../widgets/QueueStatsPanel.cpp" line="85"/>
        <source>Remove old delivered and resolved notifications from vigiad</source>
        <translation>Quitar de vigiad las notificaciones entregadas y resueltas antiguas</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="46"/>
        <source>Clean up old notifications</source>
        <translation>Limpiar notificaciones antiguas</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="66"/>
        <source>Waiting: %1 (oldest %2)</source>
        <translation>En espera: %1 (la más antigua, %2)</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="68"/>
        <source>Waiting: %1</source>
        <translation>En espera: %1</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="69"/>
        <source>%1 · Delivered: %2 · Failed: %3 · Resolved: %4</source>
        <translation>%1 · Entregadas: %2 · Fallidas: %3 · Resueltas: %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="75"/>
        <source>Last hour: %n attempt(s), %1 delivered, %2 failed</source>
        <translation>
            <numerusform>Última hora: %n intento, %1 entregadas, %2 fallidas</numerusform>
            <numerusform>Última hora: %n intentos, %1 entregadas, %2 fallidas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="104"/>
        <source>Clean up the queue</source>
        <translation>Limpiar la cola</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="109"/>
        <source>Removes from vigiad the delivered and resolved notifications older than the days below, with their attempt history. Failed and waiting notifications, incidents and the audit log are kept. This cannot be undone.</source>
        <translation>Quita de vigiad las notificaciones entregadas y resueltas con más días que los indicados abajo, con su historial de intentos. Se conservan las notificaciones fallidas y en espera, los incidentes y la auditoría. No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="117"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="118"/>
        <source>Older than:</source>
        <translation>Más antiguas que:</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/QueueStatsPanel.cpp" line="125"/>
        <source>%n delivered or resolved notification(s) in vigiad now, of any age.</source>
        <translation>
            <numerusform>%n notificación entregada o resuelta en vigiad ahora, de cualquier antigüedad.</numerusform>
            <numerusform>%n notificaciones entregadas o resueltas en vigiad ahora, de cualquier antigüedad.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/QueueStatsPanel.cpp" line="128"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>Vigia::QueueWatch</name>
    <message>
        <location filename="../app/QueueWatch.cpp" line="51"/>
        <source>The cleanup was refused: %1</source>
        <translation>La limpieza fue rechazada: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/QueueWatch.cpp" line="54"/>
        <source>Removed %n delivered or resolved notification(s)</source>
        <translation>
            <numerusform>Se quitó %n notificación entregada o resuelta</numerusform>
            <numerusform>Se quitaron %n notificaciones entregadas o resueltas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::RelativeTime</name>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="10"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="14"/>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="16"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>hace %n min</numerusform>
            <numerusform>hace %n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/RelativeTime.cpp" line="18"/>
        <source>%1 h %2 min ago</source>
        <translation>hace %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="19"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
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
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/RelativeTime.cpp" line="31"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::ResolveDialog</name>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="16"/>
        <source>Mark as contacted</source>
        <translation>Marcar como contactado</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="20"/>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="21"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="22"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="23"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="24"/>
        <source>What was agreed with the customer (optional)</source>
        <translation>Lo acordado con el cliente (opcional)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/ResolveDialog.cpp" line="27"/>
        <source>The customer of %n selected notification(s) was reached another way. They will leave the failed list.</source>
        <translation>
            <numerusform>Se contactó por otro medio al cliente de %n notificación seleccionada. Saldrá de la lista de fallidas.</numerusform>
            <numerusform>Se contactó por otro medio al cliente de cada una de las %n notificaciones seleccionadas. Saldrán de la lista de fallidas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="34"/>
        <source>&amp;How:</source>
        <translation>&amp;Medio:</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="35"/>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="37"/>
        <source>Mark contacted</source>
        <translation>Marcar como contactado</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="49"/>
        <source>The customer</source>
        <translation>El cliente</translation>
    </message>
    <message>
        <location filename="../widgets/ResolveDialog.cpp" line="50"/>
        <source>%1 (%2) was reached another way. The notification will leave the failed list.</source>
        <translation>Se contactó a %1 (%2) por otra vía. La notificación saldrá de la lista de fallidas.</translation>
    </message>
</context>
<context>
    <name>Vigia::SessionModel</name>
    <message>
        <location filename="../models/SessionModel.cpp" line="46"/>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="48"/>
        <source>Game</source>
        <translation>Juego</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="50"/>
        <source>Party</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="52"/>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="60"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="101"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="125"/>
        <location filename="../models/SessionModel.cpp" line="126"/>
        <location filename="../models/SessionModel.cpp" line="127"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="125"/>
        <location filename="../models/SessionModel.cpp" line="126"/>
        <location filename="../models/SessionModel.cpp" line="127"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="133"/>
        <source>Key: %1
User id: %2</source>
        <translation>Clave: %1
ID de usuario: %2</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="133"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="143"/>
        <source>The bot confirmed this session</source>
        <translation>El bot confirmó esta sesión</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="144"/>
        <source>The bot has not confirmed this session</source>
        <translation>El bot no ha confirmado esta sesión</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="147"/>
        <source>The arrival was announced: the exit will be too</source>
        <translation>Se anunció la entrada: también se anunciará la salida</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="148"/>
        <source>Silent session: no exit notice is owed</source>
        <translation>Sesión silenciosa: no corresponde anunciar la salida</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="153"/>
        <source>No update from the bot since %1</source>
        <translation>Sin actualizaciones del bot desde el %1</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="155"/>
        <source>Last update from the bot: %1</source>
        <translation>Última actualización del bot: %1</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="191"/>
        <source>No update from the bot for longer than vigiad&apos;s limit: the person may have left while nobody was watching</source>
        <translation>Sin actualizaciones del bot por más tiempo que el límite de vigiad: la persona pudo haberse ido sin que nadie lo notara</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="196"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="197"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="198"/>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="199"/>
        <source>Players</source>
        <translation>Jugadores</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="200"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="201"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="202"/>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="203"/>
        <source>Entry notified</source>
        <translation>Entrada anunciada</translation>
    </message>
    <message>
        <location filename="../models/SessionModel.cpp" line="204"/>
        <source>Suspect</source>
        <translation>Sospechosa</translation>
    </message>
</context>
<context>
    <name>Vigia::SessionsPanel</name>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="99"/>
        <source>C&amp;lear…</source>
        <translation>B&amp;orrar…</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="115"/>
        <source>Active sessions</source>
        <translation>Sesiones activas</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="126"/>
        <location filename="../widgets/SessionsPanel.cpp" line="189"/>
        <source>Conversations in progress</source>
        <translation>Conversaciones en curso</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="151"/>
        <source>Show one kind of session</source>
        <translation>Mostrar un solo tipo de sesión</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="178"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="182"/>
        <source>Kept by vigiad across bot restarts. Suspect: no update from the bot for a while.</source>
        <translation>vigiad las conserva aunque el bot se reinicie. Sospechosa: sin actualizaciones del bot desde hace un rato.</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="196"/>
        <source>Multi-step flows; each expires when its time to live runs out.</source>
        <translation>Flujos de varios pasos; cada uno vence cuando se agota su tiempo de vida.</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="256"/>
        <source>All kinds</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="290"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation>Sin conexión: vuelva a conectarse para operar con datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="292"/>
        <source>Select a conversation to clear it</source>
        <translation>Seleccione una conversación para borrarla</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="294"/>
        <source>Make the bot forget this conversation; the user starts over</source>
        <translation>Hacer que el bot olvide esta conversación; el usuario vuelve a empezar</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="306"/>
        <source>Clear the conversation?</source>
        <translation>¿Borrar la conversación?</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="307"/>
        <source>%1 is at step “%2” of “%3”. The bot forgets what they entered so far and they have to start the flow again.</source>
        <translation>%1 está en el paso “%2” de “%3”. El bot olvidará lo que ingresó hasta ahora y tendrá que empezar el flujo de nuevo.</translation>
    </message>
    <message>
        <location filename="../widgets/SessionsPanel.cpp" line="314"/>
        <source>Clear conversation</source>
        <translation>Borrar conversación</translation>
    </message>
</context>
<context>
    <name>Vigia::SettingsDialog</name>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="22"/>
        <source>Notify me when the bot&apos;s state gets worse</source>
        <translation>Avisarme cuando empeore el estado del bot</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="24"/>
        <source>Notify me when the console loses vigiad for more than</source>
        <translation>Avisarme cuando la consola pierda vigiad más de</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="26"/>
        <source>Repeat a sound until I look</source>
        <translation>Repetir un sonido hasta que mire</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="27"/>
        <source>Keep running in the tray when closed</source>
        <translation>Seguir en la bandeja al cerrar</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="34"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="36"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="38"/>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="39"/>
        <source>Servers</source>
        <translation>Servidores</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="54"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="57"/>
        <source>Each alert also sounds, every 10 s, until you switch to this window</source>
        <translation>Cada alerta también suena, cada 10 s, hasta que cambies a esta ventana</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="65"/>
        <source>S&amp;nooze alerts for</source>
        <translation>Si&amp;lenciar alertas durante</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="71"/>
        <source>Snooze from the tray menu or View; a state worse than the one you snoozed at ends the snooze.</source>
        <translation>Silencia las alertas desde el menú de la bandeja o desde Ver; un estado peor que el que había al silenciar termina el silencio.</translation>
    </message>
    <message>
        <source>Snooze alerts for 15 min from the tray menu or View; a state worse than the one you snoozed at ends the snooze.</source>
        <translation type="vanished">Silencia las alertas 15 min desde el menú de la bandeja o desde Ver; un estado peor que el que había al silenciar termina el silencio.</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="96"/>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="101"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="110"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="111"/>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="112"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/SettingsDialog.cpp" line="158"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="170"/>
        <source>The tray icon brings the window back</source>
        <translation>El icono de la bandeja vuelve a mostrar la ventana</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="171"/>
        <source>This desktop has no system tray</source>
        <translation>Este escritorio no tiene bandeja del sistema</translation>
    </message>
    <message>
        <location filename="../widgets/SettingsDialog.cpp" line="230"/>
        <source>New server</source>
        <translation>Servidor nuevo</translation>
    </message>
</context>
<context>
    <name>Vigia::SignalStrip</name>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="45"/>
        <source>Check &amp;now</source>
        <translation>&amp;Verificar ahora</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="47"/>
        <source>Restart &amp;bot…</source>
        <translation>Reiniciar &amp;bot…</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="49"/>
        <source>Restart &amp;gateway…</source>
        <translation>Reiniciar &amp;gateway…</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="53"/>
        <source>Communication signals</source>
        <translation>Señales de comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="54"/>
        <source>Gateway check</source>
        <translation>Chequeo del gateway</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="55"/>
        <source>The periodic probe of the WhatsApp gateway</source>
        <translation>La verificación periódica del gateway de WhatsApp</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="56"/>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="57"/>
        <source>Whether notifications reach their recipients</source>
        <translation>Si las notificaciones llegan a sus destinatarios</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="58"/>
        <source>Bot heartbeat</source>
        <translation>Latido del bot</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="59"/>
        <source>Whether the bot reports that it is alive</source>
        <translation>Si el bot da señales de vida</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="68"/>
        <source>Restart the bot?</source>
        <translation>¿Reiniciar el bot?</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="69"/>
        <source>The bot is restarted with the command configured on the server. It does not answer anyone until it is back.</source>
        <translation>El bot se reinicia con el comando configurado en el servidor. No responderá a nadie hasta que vuelva.</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="71"/>
        <source>Restart bot</source>
        <translation>Reiniciar bot</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="74"/>
        <source>Restart the gateway?</source>
        <translation>¿Reiniciar el gateway?</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="75"/>
        <source>The WhatsApp gateway session is restarted. No message goes out until it is working again.</source>
        <translation>Se reinicia la sesión del gateway de WhatsApp. No saldrá ningún mensaje hasta que vuelva a funcionar.</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="77"/>
        <source>Restart gateway</source>
        <translation>Reiniciar gateway</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/SignalStrip.cpp" line="157"/>
        <source>%n WhatsApp message(s) sent without a delivery receipt: no ack from WAHA has reached vigiad. Point WAHA&apos;s webhooks at vigiad so lost messages are noticed.</source>
        <translation>
            <numerusform>%n mensaje de WhatsApp enviado sin confirmación de entrega: ningún ack de WAHA ha llegado a vigiad. Apunte los webhooks de WAHA a vigiad para detectar los mensajes perdidos.</numerusform>
            <numerusform>%n mensajes de WhatsApp enviados sin confirmación de entrega: ningún ack de WAHA ha llegado a vigiad. Apunte los webhooks de WAHA a vigiad para detectar los mensajes perdidos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="161"/>
        <source>Last ack: %1</source>
        <translation>Último ack: %1</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="162"/>
        <source>No ack has ever reached vigiad</source>
        <translation>Ningún ack ha llegado nunca a vigiad</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="175"/>
        <source>WhatsApp gateway: off</source>
        <translation>Gateway de WhatsApp: apagado</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="176"/>
        <source>not configured on the server</source>
        <translation>no configurado en el servidor</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="184"/>
        <source>vigiad runs without WhatsApp ([waha] enabled = false): there is no gateway to check or restart. Notifications go by Discord or Telegram.</source>
        <translation>vigiad funciona sin WhatsApp ([waha] enabled = false): no hay gateway que revisar ni reiniciar. Las notificaciones salen por Discord o Telegram.</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="255"/>
        <source>%1: OK</source>
        <translation>%1: OK</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="257"/>
        <source>%1: failing</source>
        <translation>%1: con fallas</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="259"/>
        <source>%1: unknown</source>
        <translation>%1: estado desconocido</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="262"/>
        <source>no data yet</source>
        <translation>aún sin datos</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="265"/>
        <source>last success %1</source>
        <translation>último éxito %1</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="267"/>
        <source>no success yet</source>
        <translation>aún sin éxitos</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="280"/>
        <source>Last success: %1</source>
        <translation>Último éxito: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/SignalStrip.cpp" line="282"/>
        <source>%n failure(s) in a row</source>
        <translation>
            <numerusform>%n falla seguida</numerusform>
            <numerusform>%n fallas seguidas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="284"/>
        <source>Last failure: %1</source>
        <translation>Última falla: %1</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="286"/>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="296"/>
        <source>Not connected: reconnect to act on live data</source>
        <translation>Sin conexión: vuelva a conectarse para operar con datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="297"/>
        <source>Waiting for the previous action to finish</source>
        <translation>Esperando a que termine la acción anterior</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="301"/>
        <source>Probe the gateway now instead of waiting for the next scheduled check</source>
        <translation>Verificar el gateway ahora sin esperar al próximo chequeo programado</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="302"/>
        <source>Run the configured bot restart</source>
        <translation>Ejecutar el reinicio del bot configurado en el servidor</translation>
    </message>
    <message>
        <location filename="../widgets/SignalStrip.cpp" line="303"/>
        <source>Restart the WhatsApp gateway session</source>
        <translation>Reiniciar la sesión del gateway de WhatsApp</translation>
    </message>
</context>
<context>
    <name>Vigia::StatusBanner</name>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="27"/>
        <source>Show &amp;affected</source>
        <translation>Ver a&amp;fectados</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="22"/>
        <source>since restart, re-checking</source>
        <translation>desde el reinicio, verificando de nuevo</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="21"/>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="29"/>
        <source>Show &amp;waiting</source>
        <translation>Ver en &amp;espera</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="46"/>
        <source>A demonstration: vigiad runs a simulated bot and WhatsApp gateway on a temporary store that is deleted when it stops</source>
        <translation>Una demostración: vigiad ejecuta un bot y una pasarela de WhatsApp simulados sobre un almacén temporal que se borra al detenerse</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="50"/>
        <source>vigiad restarted and restored this state from before; it is checking the gateway again</source>
        <translation>vigiad se reinició y restauró este estado de antes; está verificando el gateway de nuevo</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="68"/>
        <source>List the notifications waiting to be sent</source>
        <translation>Lista las notificaciones que esperan su envío</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="73"/>
        <source>Communication status</source>
        <translation>Estado de la comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="122"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="123"/>
        <source>Degraded</source>
        <translation>Degradado</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="124"/>
        <source>Incommunicado</source>
        <translation>Incomunicado</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="125"/>
        <source>Critical: total communication loss</source>
        <translation>Crítico: pérdida total de comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="126"/>
        <source>Bot offline</source>
        <translation>Bot desconectado</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="127"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="183"/>
        <source>The oldest has waited since %1</source>
        <translation>La más antigua espera desde %1</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="188"/>
        <source>Last communication %1</source>
        <translation>Última comunicación %1</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="190"/>
        <source>No communication recorded yet</source>
        <translation>Aún no se registró ninguna comunicación</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="200"/>
        <source>No live data</source>
        <translation>Sin datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="202"/>
        <source>Last known state: %1 — %2</source>
        <translation>Último estado conocido: %1 — %2</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="204"/>
        <source>Not connected to vigiad yet.</source>
        <translation>Aún no hay conexión con vigiad.</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="210"/>
        <source>since %1</source>
        <translation>desde %1</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="247"/>
        <source>Counts the failed notifications and those the outage holds after a first attempt; the held ones are in the Waiting list.</source>
        <translation>Cuenta las notificaciones fallidas y las que la caída retiene tras un primer intento; las retenidas están en la lista En espera.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="250"/>
        <source>%n failed for their recipient (an invalid number, a blocked bot): the gateway works, but the message cannot reach that person.</source>
        <translation>
            <numerusform>%n falló por su destinatario (un número inválido, un bot bloqueado): el gateway funciona, pero el mensaje no puede llegar a esa persona.</numerusform>
            <numerusform>%n fallaron por su destinatario (un número inválido, un bot bloqueado): el gateway funciona, pero el mensaje no puede llegar a esa persona.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="259"/>
        <source>List the failed notifications counted here</source>
        <translation>Lista las notificaciones fallidas contadas aquí</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="260"/>
        <source>List the notifications the outage holds</source>
        <translation>Lista las notificaciones que retiene la caída</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="278"/>
        <source>Online — failures to review</source>
        <translation>En línea — fallos por revisar</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="289"/>
        <source>%Ln notification(s) failed</source>
        <translation>
            <numerusform>%Ln notificación fallida</numerusform>
            <numerusform>%Ln notificaciones fallidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="316"/>
        <source>%Ln waiting, held by the outage</source>
        <translation>
            <numerusform>%Ln en espera, retenida por la caída</numerusform>
            <numerusform>%Ln en espera, retenidas por la caída</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="317"/>
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln en espera</numerusform>
            <numerusform>%Ln en espera</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="319"/>
        <source>%Ln waiting, oldest %1, held by the outage</source>
        <translation>
            <numerusform>%Ln en espera desde hace %1, retenida por la caída</numerusform>
            <numerusform>%Ln en espera, la más antigua desde hace %1, retenidas por la caída</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="320"/>
        <source>%Ln waiting, oldest %1</source>
        <translation>
            <numerusform>%Ln en espera desde hace %1</numerusform>
            <numerusform>%Ln en espera, la más antigua desde hace %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n notification(s) without an order</source>
        <translation type="vanished">
            <numerusform>%1 y %n notificación sin pedido</numerusform>
            <numerusform>%1 y %n notificaciones sin pedido</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) affected</source>
        <translation type="vanished">
            <numerusform>%n pedido afectado</numerusform>
            <numerusform>%n pedidos afectados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) without an order affected</source>
        <translation type="vanished">
            <numerusform>%n notificación sin pedido afectada</numerusform>
            <numerusform>%n notificaciones sin pedido afectadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) failed</source>
        <translation type="vanished">
            <numerusform>%n notificación fallida</numerusform>
            <numerusform>%n notificaciones fallidas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="292"/>
        <source>No order failed yet</source>
        <translation>Ningún pedido ha fallado aún</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="293"/>
        <source>No orders affected</source>
        <translation>Ningún pedido afectado</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="297"/>
        <source>%1 and %Ln notification(s) without an order</source>
        <translation>
            <numerusform>%1 y %Ln notificación sin pedido</numerusform>
            <numerusform>%1 y %Ln notificaciones sin pedido</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="298"/>
        <location filename="../widgets/StatusBanner.cpp" line="300"/>
        <source>%Ln order(s) affected</source>
        <translation>
            <numerusform>%Ln pedido afectado</numerusform>
            <numerusform>%Ln pedidos afectados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/StatusBanner.cpp" line="302"/>
        <source>%Ln notification(s) without an order affected</source>
        <translation>
            <numerusform>%Ln notificación sin pedido afectada</numerusform>
            <numerusform>%Ln notificaciones sin pedido afectadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="306"/>
        <source>%1 (failed or held)</source>
        <translation>%1 (por fallo o retención)</translation>
    </message>
    <message>
        <location filename="../widgets/StatusBanner.cpp" line="314"/>
        <source>Nothing waiting</source>
        <translation>Nada en espera</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, held by the outage</source>
        <translation type="vanished">
            <numerusform>%n en espera, retenida por la caída</numerusform>
            <numerusform>%n en espera, retenidas por la caída</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation type="vanished">
            <numerusform>%n en espera</numerusform>
            <numerusform>%n en espera</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, oldest %1, held by the outage</source>
        <translation type="vanished">
            <numerusform>%n en espera desde hace %1, retenida por la caída</numerusform>
            <numerusform>%n en espera, la más antigua desde hace %1, retenidas por la caída</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, oldest %1</source>
        <translation type="vanished">
            <numerusform>%n en espera desde hace %1</numerusform>
            <numerusform>%n en espera, la más antigua desde hace %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigia::TrayNotifier</name>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="106"/>
        <source>Show Vigía</source>
        <translation>Mostrar Vigía</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/TrayNotifier.cpp" line="78"/>
        <location filename="../widgets/TrayNotifier.cpp" line="107"/>
        <source>Snooze alerts for %n min</source>
        <translation>
            <numerusform>Silenciar alertas %n min</numerusform>
            <numerusform>Silenciar alertas %n min</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="109"/>
        <source>Resume alerts</source>
        <translation>Reanudar alertas</translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="110"/>
        <source>Silence the alert</source>
        <translation>Silenciar la alerta</translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="196"/>
        <location filename="../widgets/TrayNotifier.cpp" line="199"/>
        <source>Vigía: no live data</source>
        <translation>Vigía: sin datos en vivo</translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="200"/>
        <source>The console lost its link to vigiad at %1 and keeps retrying. What it shows may be out of date; check that vigiad runs.</source>
        <translation>La consola perdió la conexión con vigiad a las %1 y sigue reintentando. Lo que muestra puede estar desactualizado; compruebe que vigiad está en marcha.</translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="229"/>
        <source>Vigía DEMO: %1</source>
        <translation>Vigía DEMO: %1</translation>
    </message>
    <message>
        <location filename="../widgets/TrayNotifier.cpp" line="230"/>
        <source>Vigía: %1</source>
        <translation>Vigía: %1</translation>
    </message>
</context>
<context>
    <name>Vigia::WaitingNotificationsPanel</name>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="56"/>
        <source>Waiting notifications</source>
        <translation>Notificaciones en espera</translation>
    </message>
    <message>
        <source>Filter by order, customer, phone, type or error</source>
        <translation type="vanished">Filtrar por pedido, cliente, teléfono, tipo o error</translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="66"/>
        <source>Search order, customer, phone, text or error (Ctrl+F)</source>
        <translation>Buscar pedido, cliente, teléfono, texto o error (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="67"/>
        <source>Search waiting notifications</source>
        <translation>Buscar notificaciones en espera</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="131"/>
        <source>%Ln+ match(es)</source>
        <translation>
            <numerusform>%Ln+ coincidencia</numerusform>
            <numerusform>%Ln+ coincidencias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="132"/>
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln coincidencia</numerusform>
            <numerusform>%Ln coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="138"/>
        <source>Deliveries are held by the outage: these are sent one trial at a time until the gateway works again. A notification that fails moves to the Failed tab.</source>
        <translation>Las entregas están retenidas por la caída: se envían de a una, a modo de prueba, hasta que el gateway vuelva a funcionar. Una notificación que falla pasa a la pestaña de fallidas.</translation>
    </message>
    <message>
        <location filename="../widgets/WaitingNotificationsPanel.cpp" line="141"/>
        <source>Waiting for their first attempt, a retry, or being sent now. A notification that fails moves to the Failed tab.</source>
        <translation>Esperan su primer intento o un reintento, o se están enviando ahora. Una notificación que falla pasa a la pestaña de fallidas.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="30"/>
        <source>Vigía operator console</source>
        <translation>Consola de operación de Vigía</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="35"/>
        <source>vigiad URL, such as http://127.0.0.1:8765</source>
        <translation>URL de vigiad, por ejemplo http://127.0.0.1:8765</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="39"/>
        <source>Save a PNG of the window once live, then quit</source>
        <translation>Guardar un PNG de la ventana al recibir datos en vivo y luego salir</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="43"/>
        <source>Take the --screenshot this many ms after live data shows</source>
        <translation>Tomar la captura de --screenshot tantos ms después de recibir datos en vivo</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="48"/>
        <source>Open on a tab: failed, waiting, incidents, sessions, charts or audit</source>
        <translation>Abrir en una pestaña: failed, waiting, incidents, sessions, charts o audit</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="56"/>
        <source>Check the server and the token (VIGIA_TOKEN), print the status and exit: 0 when both answered, 1 otherwise</source>
        <translation>Comprobar el servidor y el token (VIGIA_TOKEN), mostrar el estado y salir: 0 si ambos respondieron, 1 si no</translation>
    </message>
    <message>
        <source>Open on a tab: failed, waiting, incidents, sessions or audit</source>
        <translation type="vanished">Abrir en una pestaña: failed, waiting, incidents, sessions o audit</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="53"/>
        <source>Open the connection dialog, as on a first run</source>
        <translation>Abrir el diálogo de conexión, como la primera vez</translation>
    </message>
</context>
</TS>
