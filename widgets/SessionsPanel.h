#pragma once

#include <QWidget>

class QComboBox;
class QPushButton;
class QTableView;
class QTimer;

namespace Vigia {

class ConversationModel;
class ConversationProxy;
class SessionFilterProxy;
class SessionModel;

// The "Active sessions" tab: who the bot is tracking (voice, games, parties)
// and the multi-step conversations in progress, both kept by vigiad across
// bot restarts. Clearing a stuck conversation leaves as a signal after the
// operator confirms it.
class SessionsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionsPanel)

public:
    explicit SessionsPanel(SessionModel *sessions, ConversationModel *conversations,
                           QWidget *parent = nullptr);

    // Clearing is admin-only; whyNot becomes the disabled button's tooltip.
    void setClearAllowed(bool allowed, const QString &whyNot);
    void setLive(bool live);
    // The kind shown, or an empty string for every kind.
    QString kindFilter() const;
    void setKindFilter(const QString &kind);
    void selectConversation(const QString &user, const QString &flow);
    QTableView *sessionView() const { return m_sessionView; }
    QTableView *conversationView() const { return m_conversationView; }

Q_SIGNALS:
    void clearConversationRequested(const QString &user, const QString &flow);

private:
    // The constructor in steps: the two tables, the filter and actions, the layout.
    void setUpTables(SessionModel *sessions, ConversationModel *conversations);
    void setUpControls();
    void buildLayout();
    void updateKinds(const QStringList &kinds);
    void applyKindFilter();
    void updateClearButton();
    void askToClear();
    void fitColumnsOnce();

    SessionModel *m_sessions;
    ConversationModel *m_conversations;
    SessionFilterProxy *m_sessionProxy;
    ConversationProxy *m_conversationProxy;
    QComboBox *m_kind;
    QTableView *m_sessionView;
    QTableView *m_conversationView;
    QPushButton *m_clear;
    QTimer *m_durationTimer;
    QTimer *m_countdownTimer;
    bool m_sessionsFitted = false;
    bool m_conversationsFitted = false;
    bool m_clearAllowed = false;
    bool m_live = false;
    QString m_whyNot;
};

} // namespace Vigia
