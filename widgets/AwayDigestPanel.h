#pragma once

#include "Digest.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace Vigia {

// "While you were away": what vigiad went through while the console was not
// looking, above the tabs until the operator dismisses it. Presentation only:
// the digest comes already filtered (the operator's own actions left out).
class AwayDigestPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwayDigestPanel)

public:
    explicit AwayDigestPanel(QWidget *parent = nullptr);

    void setDigest(const Digest &digest, const QList<AuditEntry> &othersActions);

    // The texts as shown, for tests and screenshots.
    QString awayText() const;
    QString changesText() const;
    QString countsText() const;
    QString incidentsText() const;
    QString actionsText() const;

Q_SIGNALS:
    void dismissed();

private:
    QLabel *m_title;
    QLabel *m_away;
    QLabel *m_changes;
    QLabel *m_counts;
    QLabel *m_incidents;
    QLabel *m_actions;
    QPushButton *m_dismiss;
};

} // namespace Vigia
