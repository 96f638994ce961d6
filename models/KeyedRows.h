#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>

namespace Vigia {

// The rows of a table model with an index from each row's key to its row,
// kept right through every change. Appending and prepending are O(1) (a
// moving offset spares renumbering when a row goes on top, as the newest
// does in the audit and incident tables); an insert or removal in the
// middle renumbers the rows after it. The model still announces each change
// (beginInsertRows…) around the call; this class only keeps the data.
template<typename Row, typename KeyOf>
class KeyedRows final
{
public:
    int size() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    const Row &at(int row) const { return m_rows.at(row); }
    const QList<Row> &rows() const { return m_rows; }
    auto begin() const { return m_rows.cbegin(); }
    auto end() const { return m_rows.cend(); }

    // -1 when no row has that key.
    int rowOf(const QString &key) const
    {
        const auto it = m_slots.constFind(key);
        return it == m_slots.cend() ? -1 : int(*it - m_top);
    }
    bool contains(const QString &key) const { return m_slots.contains(key); }

    // Room for this many rows without moving the ones held: a list paged
    // to 100,000 rows would otherwise move every row and rehash every key
    // each time it outgrows its room, in one page's time on the GUI thread.
    // Room not yet filled is only address space.
    void reserve(int rows)
    {
        if (rows <= m_rows.capacity())
            return;
        m_rows.reserve(rows);
        m_slots.reserve(rows);
    }

    // Same key, new content.
    void replace(int row, const Row &value) { m_rows[row] = value; }

    void insert(int row, const Row &value)
    {
        if (row == 0 && !m_rows.isEmpty()) {
            --m_top;
            m_slots.insert(KeyOf()(value), m_top);
            m_rows.prepend(value);
        } else if (row == size()) {
            m_slots.insert(KeyOf()(value), m_top + row);
            m_rows.append(value);
        } else {
            m_rows.insert(row, value);
            renumberFrom(row);
        }
    }
    void append(const Row &value) { insert(size(), value); }

    void removeAt(int row)
    {
        m_slots.remove(KeyOf()(m_rows.at(row)));
        if (row == size() - 1) {
            m_rows.removeLast();
        } else if (row == 0) {
            m_rows.removeFirst();
            ++m_top;
        } else {
            m_rows.removeAt(row);
            renumberFrom(row);
        }
    }
    void truncate(int count)
    {
        while (size() > count)
            removeAt(size() - 1);
    }

    // Everything anew; a key listed twice keeps its first row.
    void reset(const QList<Row> &rows)
    {
        m_rows.clear();
        m_slots.clear();
        m_top = 0;
        m_rows.reserve(rows.size());
        for (const Row &value : rows) {
            const QString key = KeyOf()(value);
            if (key.isEmpty() || m_slots.contains(key))
                continue;
            m_slots.insert(key, size());
            m_rows.append(value);
        }
    }
    void clear() { reset({}); }

private:
    void renumberFrom(int row)
    {
        for (int i = row; i < size(); ++i)
            m_slots.insert(KeyOf()(m_rows.at(i)), m_top + i);
    }

    QList<Row> m_rows;
    QHash<QString, qint64> m_slots; // key -> m_top + row
    qint64 m_top = 0;
};

} // namespace Vigia
