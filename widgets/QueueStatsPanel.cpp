#include "QueueStatsPanel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Vigia {

namespace {
QString waitedFor(qint64 seconds)
{
    if (seconds < 60)
        return QueueStatsPanel::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return QueueStatsPanel::tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 2LL * 86400)
        return QueueStatsPanel::tr("%n h", nullptr, int(seconds / 3600));
    return QueueStatsPanel::tr("%n day(s)", nullptr, int(seconds / 86400));
}
} // namespace

QueueStatsPanel::QueueStatsPanel(QWidget *parent)
    : QFrame(parent),
      m_figures(new QLabel(this)),
      m_lastHour(new QLabel(this)),
      m_cleanup(new QPushButton(tr("Clean up…"), this))
{
    setObjectName(QStringLiteral("queueStatsPanel"));
    setFrameShape(QFrame::StyledPanel);
    auto *title = new QLabel(tr("Queue"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_figures->setObjectName(QStringLiteral("queueFigures"));
    m_figures->setWordWrap(true);
    m_figures->setText(tr("Not read yet"));
    m_lastHour->setObjectName(QStringLiteral("queueLastHour"));
    m_lastHour->setWordWrap(true);
    m_cleanup->setObjectName(QStringLiteral("queueCleanup"));
    m_cleanup->setToolTip(tr("Remove old delivered and resolved notifications from vigiad"));
    m_cleanup->setAccessibleName(tr("Clean up old notifications"));
    m_cleanup->setEnabled(false);
    connect(m_cleanup, &QPushButton::clicked, this, &QueueStatsPanel::askForCleanup);

    auto *texts = new QVBoxLayout;
    texts->addWidget(m_figures);
    texts->addWidget(m_lastHour);
    auto *row = new QHBoxLayout(this);
    row->addWidget(title, 0, Qt::AlignTop);
    row->addSpacing(8);
    row->addLayout(texts, 1);
    row->addWidget(m_cleanup, 0, Qt::AlignTop);
}

void QueueStatsPanel::setFigures(const QueueFigures &f)
{
    const QLocale locale;
    const qint64 waiting =
            f.count(NotificationState::Pending) + f.count(NotificationState::Sending);
    const QString waitingText = waiting > 0 && f.oldestPendingAgeS >= 0
            ? tr("Waiting: %1 (oldest %2)")
                      .arg(locale.toString(waiting), waitedFor(f.oldestPendingAgeS))
            : tr("Waiting: %1").arg(locale.toString(waiting));
    m_figures->setText(tr("%1 · Delivered: %2 · Failed: %3 · Resolved: %4")
                               .arg(waitingText,
                                    locale.toString(f.count(NotificationState::Delivered)),
                                    locale.toString(f.count(NotificationState::Failed)),
                                    locale.toString(f.count(NotificationState::Resolved))));
    m_lastHour->setText(
            tr("Last hour: %n attempt(s), %1 delivered, %2 failed", nullptr,
               int(f.attemptsLastHour))
                    .arg(locale.toString(f.deliveredLastHour), locale.toString(f.failedLastHour)));
    m_finished = f.finished();
}

void QueueStatsPanel::setCleanupAllowed(bool allowed, const QString &whyNot)
{
    m_cleanup->setEnabled(allowed);
    m_cleanup->setToolTip(
            allowed ? tr("Remove old delivered and resolved notifications from vigiad") : whyNot);
}

QString QueueStatsPanel::figuresText() const
{
    return m_figures->text();
}

QString QueueStatsPanel::lastHourText() const
{
    return m_lastHour->text();
}

void QueueStatsPanel::askForCleanup()
{
    if (m_dialog)
        return;
    m_dialog = new QDialog(this);
    m_dialog->setObjectName(QStringLiteral("queueCleanupDialog"));
    m_dialog->setWindowTitle(tr("Clean up the queue"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *explain = new QLabel(m_dialog);
    explain->setWordWrap(true);
    explain->setText(
            tr("Removes from vigiad the delivered and resolved notifications older than the "
               "days below, with their attempt history. Failed and waiting notifications, "
               "incidents and the audit log are kept. This cannot be undone."));
    auto *days = new QHBoxLayout;
    m_days = new QSpinBox(m_dialog);
    m_days->setObjectName(QStringLiteral("cleanupDays"));
    m_days->setRange(1, 3650);
    m_days->setValue(kDefaultCleanupDays);
    m_days->setSuffix(tr(" days"));
    auto *daysLabel = new QLabel(tr("Older than:"), m_dialog);
    daysLabel->setBuddy(m_days);
    days->addWidget(daysLabel);
    days->addWidget(m_days);
    days->addStretch(1);
    auto *count = new QLabel(m_dialog);
    if (m_finished >= 0)
        count->setText(tr("%n delivered or resolved notification(s) in vigiad now, of any age.",
                          nullptr, int(m_finished)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, m_dialog);
    QPushButton *remove = buttons->addButton(tr("Remove"), QDialogButtonBox::AcceptRole);
    remove->setObjectName(QStringLiteral("cleanupRemove"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, m_dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, m_dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(m_dialog);
    layout->addWidget(explain);
    layout->addLayout(days);
    layout->addWidget(count);
    layout->addWidget(buttons);
    connect(m_dialog, &QDialog::accepted, this,
            [this] { Q_EMIT cleanupRequested(m_days->value()); });
    connect(m_dialog, &QObject::destroyed, this, [this] {
        m_dialog = nullptr;
        m_days = nullptr;
    });
    m_dialog->open();
}

} // namespace Vigia
