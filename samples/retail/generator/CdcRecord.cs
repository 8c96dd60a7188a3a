namespace FastData.Samples.Retail;

/// <summary>One Kafka record as a Debezium PostgreSQL connector would produce it.</summary>
/// <param name="Topic">The Kafka topic, one of <see cref="RetailTopics"/>.</param>
/// <param name="Key">UTF-8 JSON of the primary-key columns, e.g. <c>{"ORDER_ID":7,"LINE_NO":2}</c>.</param>
/// <param name="Value">UTF-8 JSON of the Debezium envelope, or <see langword="null"/> for a tombstone.</param>
/// <param name="TimestampMs">The Kafka record timestamp (epoch milliseconds).</param>
/// <param name="Table">The source table, e.g. <c>orders</c>.</param>
/// <param name="Operation">The Debezium operation, or <see cref="CdcOperation.Tombstone"/>.</param>
/// <param name="SourceLsn">The <c>source.lsn</c> of the value (for a tombstone: the LSN of its delete).</param>
/// <param name="Origin">Why the generator emitted this record.</param>
/// <remarks>
/// The byte arrays are shared with duplicates and replays of the same record: treat them as read-only.
/// Record equality compares the arrays by reference; compare their contents to compare payloads.
/// </remarks>
public sealed record CdcRecord(
    string Topic,
    byte[] Key,
    byte[]? Value,
    long TimestampMs,
    string Table,
    CdcOperation Operation,
    long SourceLsn,
    CdcRecordOrigin Origin)
{
    /// <summary>Whether this is the null-valued record that follows a delete.</summary>
    public bool IsTombstone => Value is null;
}
