namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>
/// Oracle GoldenGate JSON records <c>{op_type: I|U|D, before, after, pos, ...}</c>. The ordering value is <c>pos</c>.
/// A null value is a tombstone and is skipped.
/// </summary>
public sealed class GoldenGateMessageFormat : IKafkaMessageFormat
{
    /// <summary>The registered name.</summary>
    public const string FormatName = "golden-gate";

    /// <inheritdoc />
    public string Name => FormatName;

    /// <inheritdoc />
    public KafkaDecodeResult Decode(in KafkaRecord record, KafkaKeyFields keyFields)
    {
        ArgumentNullException.ThrowIfNull(keyFields);
        if (!CdcDecoding.TryReadEnvelope(record, CdcDialect.GoldenGate, out var value, out var envelope, out var instead))
        {
            return instead;
        }

        var kind = envelope.Operation switch
        {
            'I' => ChangeKind.Insert,
            'U' => ChangeKind.Update,
            'D' => ChangeKind.Delete,
            _ => ChangeKind.Unknown,
        };
        return CdcDecoding.Apply(record, envelope, kind, keyFields, CdcEnvelope.FirstOf(value, envelope.Position), "op_type");
    }
}
