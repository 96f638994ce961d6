#pragma once

#include "HistoryModel.h"

#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QStackedWidget;
class QValueAxis;
class QXYSeries;

namespace Vigia {

// The Charts tab: vigiad's success rate (delivered / attempts) and queue
// (what waits) over the last hour, day, week, month or year, with the status
// periods shaded behind them, the operators' actions marked along the top,
// and the share of the time vigiad was online. Drawn
// from a HistoryModel; asks for another range through rangeRequested().
class ChartsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)

public:
    explicit ChartsPanel(HistoryModel *model, QWidget *parent = nullptr);
    // A strip under the charts (the queue's figures), taken over by the panel.
    void addFooter(QWidget *footer);

    // Shows the range as chosen, without asking for it again.
    void setRange(Vigia::HistoryModel::Range range);
    HistoryModel::Range range() const;
    // What the uptime line and the hover over a bucket say (for tests).
    QString uptimeText() const;
    bool showsEmptyState() const;
    QString bucketText(const QDateTime &at) const;
    // The operators' actions marked on the success-rate chart, and what the
    // hover over the one nearest to `at` says (for tests).
    int markedActionCount() const;
    QString actionText(const QDateTime &at) const;

Q_SIGNALS:
    void rangeRequested(Vigia::HistoryModel::Range range);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart
    {
        QString title;
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *value = nullptr;
    };
    Chart createChart(const QString &title, const QString &objectName);
    QAbstractButton *addRangeButton(const QString &text, HistoryModel::Range range);
    void resetChart(Chart &chart);
    void rebuild();
    void plot(Chart &chart, int role);
    void markActions(Chart &chart, double top);
    void onActionHovered(const QPointF &point, bool state);
    void shadePeriods(Chart &chart, double top);
    void styleChart(Chart &chart);
    void applyColours();
    void updateUptime();
    void onHovered(const QPointF &point, bool state);

    HistoryModel *m_model;
    QButtonGroup *m_ranges;
    QLabel *m_uptime;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    Chart m_rate;
    Chart m_queue;
};

} // namespace Vigia
