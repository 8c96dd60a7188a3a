using System.Text.Json;

namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>Shared steps of the CDC formats: finding the key of an image, building events, describing failures.</summary>
internal static class CdcDecoding
{
    /// <summary>
    /// The key from <paramref name="image"/> if it has the key fields, else from the Kafka record key (a JSON object,
    /// possibly in the schema/payload wrapper, or a bare scalar when there is one key field).
    /// </summary>
    public static bool TryGetKey(in KafkaRecord record, ReadOnlySpan<byte> image, KafkaKeyFields fields, out string key, out KafkaDecodeResult failure)
    {
        string? problem = null;
        if (!image.IsEmpty && CanonicalKey.TryExtract(image, fields, out var fromImage, out problem) == KeyExtraction.Found)
        {
            key = fromImage!;
            failure = default;
            return true;
        }

        if (TryKeyFromRecordKey(record, fields, out var fromRecordKey, out var recordKeyProblem))
        {
            key = fromRecordKey!;
            failure = default;
            return true;
        }

        key = string.Empty;
        if (image.IsEmpty && (record.Key is null || record.Key.Length == 0))
        {
            failure = KafkaDecodeResult.Fail(KafkaDeadLetterReason.MissingKey, $"{Where(record)}: no record image and no Kafka key to take the key ({fields}) from");
            return false;
        }

        failure = KafkaDecodeResult.Fail(
            KafkaDeadLetterReason.KeyFieldsMissing,
            $"{Where(record)}: {problem ?? recordKeyProblem ?? "key fields absent"} (key fields: {fields})");
        return false;
    }

    public static bool TryKeyFromRecordKey(in KafkaRecord record, KafkaKeyFields fields, out string? key, out string? problem)
    {
        key = null;
        problem = null;
        if (record.Key is not { Length: > 0 } keyBytes)
        {
            return false;
        }

        try
        {
            ReadOnlySpan<byte> span = keyBytes;
            if (UnwrapPayload(span, out var start, out var length))
            {
                span = span.Slice(start, length);
            }

            var outcome = CanonicalKey.TryExtract(span, fields, out key, out problem);
            if (outcome == KeyExtraction.Found)
            {
                return true;
            }

            if (outcome == KeyExtraction.NotAnObject && fields.Count == 1)
            {
                key = CanonicalKey.TryRenderBareScalar(span);
                problem = key is null ? "the Kafka key is neither an object nor a scalar" : null;
                return key is not null;
            }

            problem = problem is null ? null : $"Kafka key: {problem}";
            return false;
        }
        catch (JsonException exception)
        {
            problem = $"the Kafka key is not valid JSON ({exception.Message})";
            return false;
        }
    }

    /// <summary>Finds the <c>payload</c> object of a schema-wrapped key.</summary>
    private static bool UnwrapPayload(ReadOnlySpan<byte> json, out int start, out int length)
    {
        start = 0;
        length = 0;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var sawSchema = false;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPayload = reader.ValueTextEquals("payload"u8);
            sawSchema |= reader.ValueTextEquals("schema"u8);
            reader.Read();
            if (isPayload && reader.TokenType == JsonTokenType.StartObject)
            {
                start = (int)reader.TokenStartIndex;
                reader.Skip();
                length = (int)reader.BytesConsumed - start;
                found = true;
            }
            else
            {
                reader.Skip();
            }
        }

        return found && sawSchema;
    }

    public static KafkaChangeEvent Event(in KafkaRecord record, ChangeOperation operation, string key, ReadOnlyMemory<byte> before, ReadOnlyMemory<byte> after, int index, string? ordering) =>
        new(operation, key, before, after, record.Topic, record.Partition, record.Offset, index, record.Timestamp, ordering);

    /// <summary>
    /// Reads the envelope of a CDC record in <paramref name="dialect"/>. False when there is nothing to decode, with the
    /// result to return instead: a skip for a tombstone (a null value, or the JSON converter's null payload), a dead
    /// letter for a value that is not a JSON object. <paramref name="value"/> is the record's value (empty when false).
    /// </summary>
    public static bool TryReadEnvelope(in KafkaRecord record, CdcDialect dialect, out byte[] value, out CdcEnvelope envelope, out KafkaDecodeResult instead)
    {
        value = record.Value ?? [];
        envelope = default;
        instead = KafkaDecodeResult.Skip();
        if (value.Length == 0)
        {
            return false;
        }

        try
        {
            envelope = CdcEnvelope.Read(value, dialect, out var isObject);
            if (!isObject)
            {
                instead = NotAnObject(record);
                return false;
            }
        }
        catch (JsonException exception)
        {
            instead = InvalidJson(record, exception);
            return false;
        }

        return !envelope.PayloadIsNull;
    }

    public static KafkaDecodeResult InvalidJson(in KafkaRecord record, JsonException exception) =>
        KafkaDecodeResult.Fail(KafkaDeadLetterReason.InvalidJson, $"{Where(record)}: value is not valid JSON: {exception.Message}");

    public static KafkaDecodeResult NotAnObject(in KafkaRecord record) =>
        KafkaDecodeResult.Fail(KafkaDeadLetterReason.InvalidJson, $"{Where(record)}: value is not a JSON object");

    public static string Where(in KafkaRecord record) => $"{record.Topic}/{record.Partition}@{record.Offset}";

    /// <summary>
    /// Decodes an envelope that was read: inserts/reads/updates become upserts (a key change becomes delete + upsert),
    /// deletes take their key from <c>before</c> or the Kafka key.
    /// </summary>
    public static KafkaDecodeResult Apply(in KafkaRecord record, in CdcEnvelope envelope, ChangeKind kind, KafkaKeyFields fields, string? ordering, string opField)
    {
        var value = record.Value!;
        var before = envelope.HasBefore ? new ReadOnlyMemory<byte>(value, envelope.BeforeStart, envelope.BeforeLength) : ReadOnlyMemory<byte>.Empty;
        var after = envelope.HasAfter ? new ReadOnlyMemory<byte>(value, envelope.AfterStart, envelope.AfterLength) : ReadOnlyMemory<byte>.Empty;
        switch (kind)
        {
            case ChangeKind.Insert:
            case ChangeKind.Update:
            {
                if (after.IsEmpty)
                {
                    return KafkaDecodeResult.Fail(KafkaDeadLetterReason.MissingRecordImage, $"{Where(record)}: operation {envelope.DescribeOperation()} has no 'after' image");
                }

                if (!TryGetKey(record, after.Span, fields, out var key, out var failure))
                {
                    return failure;
                }

                if (kind == ChangeKind.Update && !before.IsEmpty
                    && CanonicalKey.TryExtract(before.Span, fields, out var oldKey, out _) == KeyExtraction.Found
                    && !string.Equals(oldKey, key, StringComparison.Ordinal))
                {
                    return KafkaDecodeResult.Two(
                        Event(record, ChangeOperation.Delete, oldKey!, before, ReadOnlyMemory<byte>.Empty, 0, ordering),
                        Event(record, ChangeOperation.Upsert, key, ReadOnlyMemory<byte>.Empty, after, 1, ordering));
                }

                return KafkaDecodeResult.One(Event(record, ChangeOperation.Upsert, key, before, after, 0, ordering));
            }

            case ChangeKind.Delete:
            {
                if (!TryGetKey(record, before.Span, fields, out var key, out var failure))
                {
                    return failure;
                }

                return KafkaDecodeResult.One(Event(record, ChangeOperation.Delete, key, before, ReadOnlyMemory<byte>.Empty, 0, ordering));
            }

            default:
                return KafkaDecodeResult.Fail(KafkaDeadLetterReason.UnknownOperation, $"{Where(record)}: '{opField}' is {envelope.DescribeOperation()}, not a known operation");
        }
    }
}

/// <summary>What a CDC operation code means.</summary>
internal enum ChangeKind
{
    Unknown,
    Insert,
    Update,
    Delete,
}
