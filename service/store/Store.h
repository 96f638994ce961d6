#pragma once

#include "HistoryStore.h"
#include "IncidentStore.h"
#include "OutboxStore.h"
#include "SessionStore.h"
#include "TokenStore.h"

namespace Vigia {

// Everything vigiad keeps, as one handle: the four aggregates' interfaces
// and opening the store. Code that needs one aggregate takes its interface;
// a second implementation (PostgreSQL) can be added one aggregate at a time.
// The bases are virtual so that an implementation can be composed from one
// class per aggregate.
class Store : public virtual OutboxStore,
              public virtual TokenStore,
              public virtual IncidentStore,
              public virtual SessionStore,
              public virtual HistoryStore
{
public:
    ~Store() override = default;

    virtual bool open(QString *error) = 0;
    virtual int schemaVersion() const = 0;
};

} // namespace Vigia
