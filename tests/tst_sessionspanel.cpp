// SessionsPanel and its tab in MainWindow: the kind filter lists the kinds
// seen and groups parties by game, suspect sessions and expired
// conversations are painted in their palette roles, and Clear is admin-only,
// asks first and leaves as a signal through the window.
#include "ConversationModel.h"
#include "MainWindow.h"
#include "SessionModel.h"
#include "SessionsPanel.h"
#include "VigiaPalette.h"

#include "AuditModel.h"
#include "IncidentModel.h"
#include "NotificationModel.h"

#include <QComboBox>
#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Vigia;

namespace {
Session make(const QString &kind, const QString &key, const QDateTime &started,
             const QString &where = QStringLiteral("General"))
{
    Session s;
    s.kind = kind;
    s.key = key;
    s.username = key;
    s.where = where;
    s.startedAt = started;
    s.lastSeenAt = started;
    return s;
}

Session party(const QString &key, const QString &game, const QDateTime &started)
{
    Session s = make(QStringLiteral("party"), key, started, game);
    s.username.clear();
    s.data = {
            {QStringLiteral("game"), game},
            {QStringLiteral("players"), QJsonArray{QStringLiteral("pino"), QStringLiteral("luz")}}};
    return s;
}

Conversation conversation(const QString &user, const QDateTime &updated, int ttlSeconds)
{
    Conversation c;
    c.user = user;
    c.flow = QStringLiteral("create-tariff");
    c.step = QStringLiteral("price");
    c.ttlSeconds = ttlSeconds;
    c.updatedAt = updated;
    c.expiresAt = updated.addSecs(ttlSeconds);
    return c;
}
} // namespace

class TstSessionsPanel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SessionModel> m_sessions;
    std::unique_ptr<ConversationModel> m_conversations;
    std::unique_ptr<SessionsPanel> m_panel;

    QComboBox *kindCombo() const
    {
        return m_panel->findChild<QComboBox *>(QStringLiteral("sessionKindFilter"));
    }
    QPushButton *clearButton() const
    {
        return m_panel->findChild<QPushButton *>(QStringLiteral("clearConversationButton"));
    }
    QStringList comboKinds() const
    {
        QStringList out;
        for (int i = 0; i < kindCombo()->count(); ++i)
            out << kindCombo()->itemData(i).toString();
        return out;
    }
    QStringList shownKeys() const
    {
        QStringList out;
        const QAbstractItemModel *model = m_panel->sessionView()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            out << model->index(row, 0).data(SessionModel::KeyRole).toString();
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<ManualClock>(m_t0);
        m_sessions = std::make_unique<SessionModel>(m_clock.get());
        m_conversations = std::make_unique<ConversationModel>(m_clock.get());
        m_panel = std::make_unique<SessionsPanel>(m_sessions.get(), m_conversations.get());
        m_panel->resize(1000, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_conversations.reset();
        m_sessions.reset();
        m_clock.reset();
    }

    void kindFilterListsTheKindsSeenAndGroupsParties()
    {
        QCOMPARE(comboKinds(), QStringList{QString()}); // only "All kinds"
        m_sessions->upsert(make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0));
        m_sessions->upsert(party(QStringLiteral("p-mc"), QStringLiteral("Minecraft"), m_t0));
        m_sessions->upsert(party(QStringLiteral("p-au1"), QStringLiteral("Among Us"), m_t0));
        m_sessions->upsert(
                party(QStringLiteral("p-au2"), QStringLiteral("Among Us"), m_t0.addSecs(60)));
        QCOMPARE(comboKinds(),
                 (QStringList{QString(), QStringLiteral("party"), QStringLiteral("voice")}));
        QCOMPARE(m_panel->sessionView()->model()->rowCount(), 4);

        // Parties only, grouped by game.
        kindCombo()->setCurrentIndex(kindCombo()->findData(QStringLiteral("party")));
        QCOMPARE(m_panel->kindFilter(), QStringLiteral("party"));
        const QStringList keys = shownKeys();
        QCOMPARE(keys.size(), 3);
        QCOMPARE(keys.last(), QStringLiteral("p-mc"));
        QVERIFY(keys.indexOf(QStringLiteral("p-au1")) < 2
                && keys.indexOf(QStringLiteral("p-au2")) < 2);

        // A kind that shows up later joins the list; the selection stays.
        m_sessions->upsert(make(QStringLiteral("game"), QStringLiteral("luz"), m_t0));
        QCOMPARE(comboKinds(),
                 (QStringList{QString(), QStringLiteral("game"), QStringLiteral("party"),
                              QStringLiteral("voice")}));
        QCOMPARE(kindCombo()->currentData().toString(), QStringLiteral("party"));
        QCOMPARE(m_panel->sessionView()->model()->rowCount(), 3);

        // Every party ends: the filter does not jump to "All" by itself.
        for (const QString &key :
             {QStringLiteral("p-mc"), QStringLiteral("p-au1"), QStringLiteral("p-au2")})
            m_sessions->remove(QStringLiteral("party"), key);
        QCOMPARE(m_panel->sessionView()->model()->rowCount(), 0);
        QCOMPARE(kindCombo()->currentData().toString(), QStringLiteral("party"));
        m_panel->setKindFilter(QString());
        QCOMPARE(m_panel->sessionView()->model()->rowCount(), 2);
        // Not selected and without sessions any more: it leaves the list.
        m_sessions->remove(QStringLiteral("game"), QStringLiteral("luz"));
        QCOMPARE(comboKinds(), (QStringList{QString(), QStringLiteral("voice")}));
    }

    void suspectSessionsAndExpiredConversationsUseTheirPaletteRoles()
    {
        Session quiet = make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0);
        m_sessions->upsert(quiet);
        const QAbstractItemModel *sessions = m_panel->sessionView()->model();
        QVERIFY(!sessions->index(0, 0).data(Qt::ForegroundRole).isValid());
        quiet.suspect = true;
        m_sessions->upsert(quiet);
        QCOMPARE(sessions->index(0, SessionModel::UserColumn)
                         .data(Qt::ForegroundRole)
                         .value<QColor>(),
                 VigiaPalette::color(VigiaPalette::Role::SuspectText));

        m_conversations->upsert(conversation(QStringLiteral("u1"), m_t0, 30));
        const QAbstractItemModel *conversations = m_panel->conversationView()->model();
        QVERIFY(!conversations->index(0, 0).data(Qt::ForegroundRole).isValid());
        m_clock->advance(31 * 1000);
        m_conversations->refreshCountdowns();
        QCOMPARE(conversations->index(0, 0).data(Qt::ForegroundRole).value<QColor>(),
                 VigiaPalette::color(VigiaPalette::Role::StaleText));
    }

    void clearAsksFirstAndOnlyForAdmins()
    {
        m_conversations->upsert(conversation(QStringLiteral("u1"), m_t0, 900));
        m_conversations->upsert(conversation(QStringLiteral("u2"), m_t0, 600));
        QSignalSpy requested(m_panel.get(), &SessionsPanel::clearConversationRequested);
        m_panel->setLive(true);

        // A viewer: disabled, and says why, even with a row selected.
        m_panel->setClearAllowed(false, QStringLiteral("Your role (viewer) may not do this"));
        m_panel->selectConversation(QStringLiteral("u1"), QStringLiteral("create-tariff"));
        QVERIFY(!clearButton()->isEnabled());
        QVERIFY(clearButton()->toolTip().contains(QLatin1String("viewer")));

        // An admin, but not live: no acting on stale data.
        m_panel->setClearAllowed(true, QString());
        m_panel->setLive(false);
        QVERIFY(!clearButton()->isEnabled());
        m_panel->setLive(true);
        QVERIFY(clearButton()->isEnabled());

        // Cancel changes nothing.
        QTest::mouseClick(clearButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_panel->findChild<QMessageBox *>(
                             QStringLiteral("confirmClearConversation")))
                    != nullptr);
        QVERIFY(box->text().contains(QLatin1String("u1")));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(m_panel->findChild<QMessageBox *>(QStringLiteral("confirmClearConversation"))
                    == nullptr);
        QCOMPARE(requested.size(), 0);

        // Confirmed: the selected conversation leaves as a signal.
        QTest::mouseClick(clearButton(), Qt::LeftButton);
        QTRY_VERIFY((box = m_panel->findChild<QMessageBox *>(
                             QStringLiteral("confirmClearConversation")))
                    != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toString(), QStringLiteral("u1"));
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("create-tariff"));

        // The row goes: nothing selected, nothing to clear.
        m_conversations->remove(QStringLiteral("u1"), QStringLiteral("create-tariff"));
        QVERIFY(!clearButton()->isEnabled());
    }

    void mainWindowAddsTheTabAndForwardsClear()
    {
        NotificationModel failed(m_clock.get(), {NotificationState::Failed});
        IncidentModel incidents(m_clock.get());
        AuditModel audit;
        MainWindow window(&failed, &incidents, &audit, m_sessions.get(), m_conversations.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SessionsPanel *panel = window.sessionsPanel();
        QVERIFY(panel);
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        const int index = tabs->indexOf(panel);
        QCOMPARE(tabs->tabText(index), QStringLiteral("Active sessions"));
        window.setSessionCount(3);
        QCOMPARE(tabs->tabText(index), QStringLiteral("Active sessions (3)"));

        // The window passes on the role and the connection like for the other actions.
        m_conversations->upsert(conversation(QStringLiteral("u1"), m_t0, 900));
        auto *clear = panel->findChild<QPushButton *>(QStringLiteral("clearConversationButton"));
        panel->selectConversation(QStringLiteral("u1"), QStringLiteral("create-tariff"));
        window.setLive(true);
        window.setOperationsAllowed(false, false,
                                    QStringLiteral("Your role (viewer) may not do this"));
        QVERIFY(!clear->isEnabled());
        window.setOperationsAllowed(true, true, QString());
        QVERIFY(clear->isEnabled());
        window.setLive(false);
        QVERIFY(!clear->isEnabled());
        window.setLive(true);

        QSignalSpy requested(&window, &MainWindow::clearConversationRequested);
        tabs->setCurrentWidget(panel);
        QTest::mouseClick(clear, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY(
                (box = panel->findChild<QMessageBox *>(QStringLiteral("confirmClearConversation")))
                != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(requested.size(), 1);

        // Without session models the tab is simply not there.
        MainWindow plain(&failed, &incidents, &audit);
        QVERIFY(!plain.sessionsPanel());
        plain.setSessionCount(1); // harmless
        plain.setLive(true);
    }
};

QTEST_MAIN(TstSessionsPanel)
#include "tst_sessionspanel.moc"
