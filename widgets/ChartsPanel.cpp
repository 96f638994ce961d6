#include "ChartsPanel.h"

#include "VigiaPalette.h"

#include <QAreaSeries>
#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Vigia {

namespace {
constexpr double kMinQueueTop = 5.0;

qint64 msOf(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}
} // namespace

ChartsPanel::ChartsPanel(HistoryModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_ranges(new QButtonGroup(this)),
      m_uptime(new QLabel(this)),
      m_pages(new QStackedWidget(this)),
      m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("chartsPanel"));
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    addRangeButton(tr("Last hour"), HistoryModel::Range::LastHour)->setChecked(true);
    addRangeButton(tr("24 hours"), HistoryModel::Range::LastDay);
    addRangeButton(tr("7 days"), HistoryModel::Range::LastWeek);
    addRangeButton(tr("30 days"), HistoryModel::Range::LastMonth);
    addRangeButton(tr("1 year"), HistoryModel::Range::LastYear);
    for (QAbstractButton *button : m_ranges->buttons())
        top->addWidget(button);
    top->addSpacing(16);
    m_uptime->setObjectName(QStringLiteral("uptimeLabel"));
    QFont bold = m_uptime->font();
    bold.setBold(true);
    m_uptime->setFont(bold);
    top->addWidget(m_uptime, 1);

    m_empty->setObjectName(QStringLiteral("chartsEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No history yet for this range. vigiad records a point every minute "
                        "while it runs; the first one appears here when a minute ends."));
    m_rate = createChart(tr("Success rate (%)"), QStringLiteral("successRateChart"));
    m_queue = createChart(tr("Queue (notifications waiting)"), QStringLiteral("queueChart"));
    auto *charts = new QWidget(this);
    auto *side = new QHBoxLayout(charts);
    side->setContentsMargins(0, 0, 0, 0);
    side->addWidget(m_rate.view);
    side->addWidget(m_queue.view);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(charts);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);

    connect(m_ranges, &QButtonGroup::idClicked, this,
            [this](int id) { Q_EMIT rangeRequested(HistoryModel::Range(id)); });
    // A minute a minute at most: drawing the range again is cheap enough.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChartsPanel::rebuild);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChartsPanel::rebuild);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ChartsPanel::rebuild);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ChartsPanel::rebuild);
    connect(m_model, &HistoryModel::periodsChanged, this, &ChartsPanel::rebuild);
    applyColours();
    rebuild();
}

QAbstractButton *ChartsPanel::addRangeButton(const QString &text, HistoryModel::Range range)
{
    auto *button = new QToolButton(this);
    button->setText(text);
    button->setCheckable(true);
    button->setAutoRaise(false);
    button->setObjectName(QStringLiteral("range%1").arg(int(range)));
    m_ranges->addButton(button, int(range));
    return button;
}

ChartsPanel::Chart ChartsPanel::createChart(const QString &title, const QString &objectName)
{
    Chart c;
    c.title = title;
    c.view = new QChartView(this);
    resetChart(c);
    c.view->setObjectName(objectName);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(240, 180);
    return c;
}

void ChartsPanel::resetChart(Chart &c)
{
    // A new chart for every drawing: Qt Charts 6.4 stops drawing a time axis
    // whose series were all removed, and a minute a minute this is cheap.
    QChart *old = c.view->chart();
    c.chart = new QChart;
    c.chart->setTitle(c.title);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.chart->legend()->setAlignment(Qt::AlignBottom);
    c.time = new QDateTimeAxis(c.chart);
    c.time->setTickCount(5);
    c.value = new QValueAxis(c.chart);
    c.value->setLabelFormat(QStringLiteral("%i"));
    c.chart->addAxis(c.time, Qt::AlignBottom);
    c.chart->addAxis(c.value, Qt::AlignLeft);
    c.view->setChart(c.chart);
    delete old;
    styleChart(c);
}

void ChartsPanel::setRange(HistoryModel::Range range)
{
    if (QAbstractButton *button = m_ranges->button(int(range)))
        button->setChecked(true);
}

HistoryModel::Range ChartsPanel::range() const
{
    return HistoryModel::Range(m_ranges->checkedId());
}

QString ChartsPanel::uptimeText() const
{
    return m_uptime->text();
}

bool ChartsPanel::showsEmptyState() const
{
    return m_pages->currentWidget() == m_empty;
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void ChartsPanel::styleChart(Chart &c)
{
    // The window's own colours, so a dark desktop gets dark charts.
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::WindowText);
    c.chart->setBackgroundBrush(colours.brush(QPalette::Base));
    c.chart->setBackgroundPen(Qt::NoPen);
    c.chart->setTitleBrush(text);
    c.chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(c.time), static_cast<QAbstractAxis *>(c.value)}) {
        axis->setLabelsColor(text);
        axis->setLinePenColor(colours.color(QPalette::Mid));
        axis->setGridLineColor(colours.color(QPalette::Midlight));
    }
    c.view->setBackgroundBrush(colours.brush(QPalette::Base));
}

void ChartsPanel::applyColours()
{
    styleChart(m_rate);
    styleChart(m_queue);
}

void ChartsPanel::rebuild()
{
    const bool empty = m_model->rowCount() == 0;
    m_pages->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_pages->widget(1));
    updateUptime();
    const QLocale locale;
    const bool days = m_model->stepSeconds() >= 3600;
    const QString format = days ? locale.dateFormat(QLocale::ShortFormat)
                                : locale.timeFormat(QLocale::ShortFormat);
    double queueTop = kMinQueueTop;
    for (int row = 0; row < m_model->rowCount(); ++row)
        queueTop = qMax(queueTop, double(m_model->bucket(row).waiting) * 1.2);
    for (Chart *c : {&m_rate, &m_queue}) {
        resetChart(*c);
        c->time->setFormat(format);
        if (m_model->from().isValid())
            c->time->setRange(m_model->from().toLocalTime(), m_model->to().toLocalTime());
    }
    m_rate.value->setRange(0, 100);
    m_queue.value->setRange(0, queueTop);
    m_queue.value->applyNiceNumbers();
    shadePeriods(m_rate, 100);
    shadePeriods(m_queue, m_queue.value->max());
    plot(m_rate, HistoryModel::SuccessRateRole);
    plot(m_queue, HistoryModel::WaitingRole);
}

void ChartsPanel::shadePeriods(Chart &c, double top)
{
    QList<StatusState> named;
    for (const StatusPeriod &p : m_model->periods()) {
        const qint64 from = qMax(msOf(p.from), msOf(m_model->from()));
        const qint64 to =
                qMin(p.to.isValid() ? msOf(p.to) : msOf(m_model->to()), msOf(m_model->to()));
        if (to <= from)
            continue;
        auto *upper = new QLineSeries;
        upper->append(double(from), top);
        upper->append(double(to), top);
        auto *lower = new QLineSeries;
        lower->append(double(from), 0);
        lower->append(double(to), 0);
        auto *area = new QAreaSeries(upper, lower);
        upper->setParent(area);
        lower->setParent(area);
        area->setName(HistoryModel::stateText(p.state));
        area->setBrush(VigiaPalette::shade(p.state));
        area->setPen(Qt::NoPen);
        c.chart->addSeries(area);
        area->attachAxis(c.time);
        area->attachAxis(c.value);
        // One legend entry per state shown.
        const bool first = !named.contains(p.state);
        if (first)
            named.append(p.state);
        for (QLegendMarker *marker : c.chart->legend()->markers(area))
            marker->setVisible(first);
    }
    c.chart->legend()->setVisible(!named.isEmpty());
}

void ChartsPanel::plot(Chart &c, int role)
{
    // One line per stretch of buckets without a gap: a time vigiad was not
    // running is no line at all, not a slope across it.
    QPen pen(VigiaPalette::color(VigiaPalette::Role::ChartLine));
    pen.setWidthF(2.0);
    QLineSeries *line = nullptr;
    QDateTime expected;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const HistoryBucket &b = m_model->bucket(row);
        const QVariant value = m_model->index(row, 0).data(role);
        if (!line || b.at != expected) {
            line = new QLineSeries;
            line->setPen(pen);
            line->setPointsVisible(true);
            line->setMarkerSize(5);
            c.chart->addSeries(line);
            line->attachAxis(c.time);
            line->attachAxis(c.value);
            for (QLegendMarker *marker : c.chart->legend()->markers(line))
                marker->setVisible(false);
            connect(line, &QLineSeries::hovered, this, &ChartsPanel::onHovered);
        }
        expected = b.at.addSecs(b.stepS);
        if (value.isValid())
            line->append(double(msOf(b.at)), value.toDouble());
    }
}

void ChartsPanel::updateUptime()
{
    const auto uptime = m_model->uptimePercent();
    m_uptime->setText(
            uptime ? tr("Online %1 % of the time shown").arg(QLocale().toString(*uptime, 'f', 1))
                   : tr("Time online: not known yet"));
}

QString ChartsPanel::bucketText(const QDateTime &at) const
{
    // The point nearest to `at`: points sit at their bucket's start.
    const int row = m_model->rowOf(at.addSecs(m_model->stepSeconds() / 2));
    if (row < 0)
        return {};
    const HistoryBucket &b = m_model->bucket(row);
    const QLocale locale;
    const ChannelActivity total = b.total();
    const auto rate = HistoryModel::successRate(b);
    QStringList lines;
    lines << tr("%1 to %2")
                     .arg(locale.toString(b.at.toLocalTime(), QLocale::ShortFormat),
                          locale.toString(b.at.addSecs(b.stepS).toLocalTime().time(),
                                          QLocale::ShortFormat));
    lines << (rate ? tr("Success rate: %1 % (%2 of %3 attempts delivered)")
                              .arg(locale.toString(*rate, 'f', 1))
                              .arg(total.delivered)
                              .arg(total.attempts)
                   : tr("No delivery attempts"));
    if (b.waiting >= 0)
        lines << tr("Waiting: %1").arg(b.waiting);
    if (b.failedTotal >= 0)
        lines << tr("Failed, not resolved: %1").arg(b.failedTotal);
    lines << tr("Status: %1").arg(HistoryModel::stateText(b.state));
    return lines.join(u'\n');
}

void ChartsPanel::onHovered(const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QString text = bucketText(QDateTime::fromMSecsSinceEpoch(qint64(point.x()), Qt::UTC));
    if (!text.isEmpty())
        QToolTip::showText(QCursor::pos(), text, this);
}

} // namespace Vigia
