namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>
/// Debezium change events <c>{before, after, op: c|r|u|d, ts_ms, source}</c>, with or without the JSON converter's
/// <c>schema</c>/<c>payload</c> wrapper. Tombstones (null values, or a null payload) carry nothing and are skipped.
/// The ordering value is <c>source.lsn</c>, else <c>ts_ms</c>, else <c>source.ts_ms</c>.
/// </summary>
public sealed class DebeziumMessageFormat : IKafkaMessageFormat
{
    /// <summary>The registered name.</summary>
    public const string FormatName = "debezium";

    /// <inheritdoc />
    public string Name => FormatName;

    /// <inheritdoc />
    public KafkaDecodeResult Decode(in KafkaRecord record, KafkaKeyFields keyFields)
    {
        ArgumentNullException.ThrowIfNull(keyFields);
        if (!CdcDecoding.TryReadEnvelope(record, CdcDialect.Debezium, out var value, out var envelope, out var instead))
        {
            return instead;
        }

        var kind = envelope.Operation switch
        {
            'c' or 'r' => ChangeKind.Insert,
            'u' => ChangeKind.Update,
            'd' => ChangeKind.Delete,
            _ => ChangeKind.Unknown,
        };
        return CdcDecoding.Apply(record, envelope, kind, keyFields, CdcEnvelope.FirstOf(value, envelope.Lsn, envelope.TsMs, envelope.SourceTsMs), "op");
    }
}
