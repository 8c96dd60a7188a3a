using FastData.Samples.Retail;

namespace FastData.Bench;

/// <summary>The record keys produced so far, per topic. A record whose key is new activates a projection grain, and
/// with it Orleans' stream runtime for that key (registration, handshake, cursor): the Kafka bench's <c>--floor</c>
/// measures that cost apart, and this counts how many records of each phase pay it.</summary>
internal sealed class KeyLedger
{
    private readonly HashSet<(string Topic, string Key)> _seen = [];

    /// <summary>Records with an event whose key no earlier record with an event had.</summary>
    public long NewKeys { get; private set; }

    public void Observe(CdcRecord record)
    {
        // A tombstone reaches no grain: its key is neither new nor seen.
        if (!record.IsTombstone && _seen.Add((record.Topic, System.Text.Encoding.UTF8.GetString(record.Key))))
        {
            NewKeys++;
        }
    }
}
