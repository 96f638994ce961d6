#include "TimeOrderedId.h"

#include <QRandomGenerator>
#include <QUuid>

#include <atomic>

namespace Vigia {

QString timeOrderedId(qint64 unixMs)
{
    // rand_a (12 bits) counts ids made within the same millisecond, from a
    // random start below 2048 so there is room to count before it wraps.
    static std::atomic<quint64> lastMsAndCounter{0};
    const quint64 ms = quint64(unixMs) & 0xFFFFFFFFFFFFull;
    quint64 previous = lastMsAndCounter.load(std::memory_order_relaxed);
    quint64 next = 0;
    do {
        const quint64 previousMs = previous >> 12;
        if (ms > previousMs)
            next = (ms << 12) | (QRandomGenerator::global()->generate() & 0x7FF);
        else // same millisecond (or the clock went back): keep counting up
            next = previous + 1;
    } while (!lastMsAndCounter.compare_exchange_weak(previous, next, std::memory_order_relaxed));

    const quint64 timeAndCounter = next; // 48 bits of ms, 12 of counter (may carry into ms)
    const quint64 random = QRandomGenerator::global()->generate64();
    uchar bytes[16];
    const quint64 msPart = timeAndCounter >> 12;
    for (int i = 0; i < 6; ++i)
        bytes[i] = uchar(msPart >> (40 - 8 * i));
    bytes[6] = uchar(0x70 | ((timeAndCounter >> 8) & 0x0F)); // version 7
    bytes[7] = uchar(timeAndCounter & 0xFF);
    bytes[8] = uchar(0x80 | ((random >> 56) & 0x3F)); // RFC 9562 variant
    for (int i = 9; i < 16; ++i)
        bytes[i] = uchar(random >> (8 * (15 - i)));
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16)).toString(QUuid::WithoutBraces);
}

} // namespace Vigia
