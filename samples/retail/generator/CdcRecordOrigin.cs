namespace FastData.Samples.Retail;

/// <summary>Why the generator emitted a record; lets tests and benchmarks tell the mix apart.</summary>
public enum CdcRecordOrigin
{
    /// <summary>Part of the initial snapshot.</summary>
    Snapshot,

    /// <summary>The primary record of one change drawn from the configured mix.</summary>
    Change,

    /// <summary>
    /// Emitted in the same transaction as a <see cref="Change"/>: the items of a new order, the rows removed by a
    /// cascading delete, the order whose total follows an item change, and the tombstone of any delete that is not part of a key change.
    /// </summary>
    Dependent,

    /// <summary>One of the delete, tombstone and create that Debezium emits for a primary-key change.</summary>
    KeyChange,

    /// <summary>An exact copy of the previous record, whatever it was (an at-least-once redelivery).</summary>
    Duplicate,

    /// <summary>An earlier record re-emitted later with its original value and source LSN (a stale replay).</summary>
    Replay,
}
