using System.Text.Json;

namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>
/// The basic format: the Kafka key holds the primary key (a JSON object of the key fields, or a bare scalar when there is
/// one key field) and the Kafka value holds the record as a JSON object; a null value (or JSON <c>null</c>) deletes.
/// It has no ordering value of its own: the partition offset orders its events.
/// </summary>
public sealed class BasicMessageFormat : IKafkaMessageFormat
{
    /// <summary>The registered name.</summary>
    public const string FormatName = "basic";

    /// <inheritdoc />
    public string Name => FormatName;

    /// <inheritdoc />
    public KafkaDecodeResult Decode(in KafkaRecord record, KafkaKeyFields keyFields)
    {
        ArgumentNullException.ThrowIfNull(keyFields);
        if (record.Key is not { Length: > 0 })
        {
            return KafkaDecodeResult.Fail(KafkaDeadLetterReason.MissingKey, $"{CdcDecoding.Where(record)}: the basic format needs the primary key in the Kafka key, which is empty");
        }

        if (!CdcDecoding.TryKeyFromRecordKey(record, keyFields, out var key, out var problem))
        {
            var reason = problem is not null && problem.Contains("not valid JSON", StringComparison.Ordinal)
                ? KafkaDeadLetterReason.InvalidJson
                : KafkaDeadLetterReason.KeyFieldsMissing;
            return KafkaDecodeResult.Fail(reason, $"{CdcDecoding.Where(record)}: {problem ?? "key fields absent"} (key fields: {keyFields})");
        }

        if (record.Value is null || record.Value.Length == 0)
        {
            return KafkaDecodeResult.One(CdcDecoding.Event(record, ChangeOperation.Delete, key!, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, 0, null));
        }

        try
        {
            // Validate the whole value once here so that consumers can parse After without guarding against bad JSON.
            var reader = new Utf8JsonReader(record.Value);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return KafkaDecodeResult.One(CdcDecoding.Event(record, ChangeOperation.Delete, key!, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, 0, null));
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return CdcDecoding.NotAnObject(record);
            }

            reader.Skip();
            if (reader.Read())
            {
                return CdcDecoding.NotAnObject(record);
            }
        }
        catch (JsonException exception)
        {
            return CdcDecoding.InvalidJson(record, exception);
        }

        return KafkaDecodeResult.One(CdcDecoding.Event(record, ChangeOperation.Upsert, key!, ReadOnlyMemory<byte>.Empty, record.Value, 0, null));
    }
}
