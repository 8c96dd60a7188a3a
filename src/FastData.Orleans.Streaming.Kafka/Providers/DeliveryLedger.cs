namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// Tracks, for one partition, what was handed over and what is done, to find the offset that may be committed: the first
/// offset of the oldest unfinished entry, or the offset after the last record read when nothing is unfinished.
/// Entries are batch containers (done once Orleans' cache purged a container at or after them: the cache purges in
/// partition order) and dead letters (done when stored). Used from the pulling agent's turn only; tickets complete on
/// any thread.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly Queue<(long Offset, DeadLetterTicket? Ticket)> _entries = new();
    private long _deliveredThrough = -1;
    private long _readUpTo = -1;

    public int Pending => _entries.Count;

    public void AddContainer(long firstOffset) => _entries.Enqueue((firstOffset, null));

    public void AddDeadLetter(DeadLetterTicket ticket) => _entries.Enqueue((ticket.Offset, ticket));

    /// <summary>Records that every record before <paramref name="nextOffset"/> was read.</summary>
    public void MarkRead(long nextOffset) => _readUpTo = Math.Max(_readUpTo, nextOffset);

    /// <summary>Records that the container starting at <paramref name="firstOffset"/> and every one before it were delivered.</summary>
    public void MarkDelivered(long firstOffset) => _deliveredThrough = Math.Max(_deliveredThrough, firstOffset);

    /// <summary>Records that Orleans gave up delivering the container starting at <paramref name="firstOffset"/>: the
    /// commits of this receiver stop there, so that a restart (or the partition's next receiver) reads its records again,
    /// whatever is delivered after it.</summary>
    public void MarkFailed(long firstOffset) => HeldAt = HeldAt is { } held ? Math.Min(held, firstOffset) : firstOffset;

    /// <summary>The first offset of the earliest container Orleans gave up delivering, if any.</summary>
    public long? HeldAt { get; private set; }

    /// <summary>The offset that may be committed now (the next offset to read after a restart), or null if none.</summary>
    public long? CommitPoint()
    {
        var point = Advance();
        return HeldAt is { } held && (point is null || held < point) ? held : point;
    }

    private long? Advance()
    {
        while (_entries.TryPeek(out var head))
        {
            var done = head.Ticket is null ? head.Offset <= _deliveredThrough : head.Ticket.IsDone;
            if (!done)
            {
                return head.Offset;
            }

            _entries.Dequeue();
        }

        return _readUpTo >= 0 ? _readUpTo : null;
    }

    /// <summary>True while dead letters are still being written.</summary>
    public bool HasPendingDeadLetters() => _entries.Any(e => e.Ticket is { IsDone: false });
}
