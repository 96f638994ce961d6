#pragma once

#include "QueueFigures.h"

#include <QFrame>

class QDialog;
class QLabel;
class QPushButton;
class QSpinBox;

namespace Vigia {

// The queue at a glance under the charts: what waits and since when, what
// was delivered, failed and resolved, the last hour's attempts; and, for
// operators, "Clean up…" of old delivered and resolved notifications
// (confirmed in a dialog that says what stays). Presentation only.
class QueueStatsPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueStatsPanel)

public:
    static constexpr int kDefaultCleanupDays = 30;

    explicit QueueStatsPanel(QWidget *parent = nullptr);

    void setFigures(const QueueFigures &figures);
    void setCleanupAllowed(bool allowed, const QString &whyNot);

    // The texts as shown, for tests and screenshots.
    QString figuresText() const;
    QString lastHourText() const;
    // The confirmation open now (nullptr when none), for tests.
    QDialog *cleanupDialog() const { return m_dialog; }
    QSpinBox *cleanupDays() const { return m_days; }

public Q_SLOTS:
    void askForCleanup();

Q_SIGNALS:
    void cleanupRequested(int olderThanDays);

private:
    QLabel *m_figures;
    QLabel *m_lastHour;
    QPushButton *m_cleanup;
    QDialog *m_dialog = nullptr;
    QSpinBox *m_days = nullptr;
    qint64 m_finished = -1;
};

} // namespace Vigia
