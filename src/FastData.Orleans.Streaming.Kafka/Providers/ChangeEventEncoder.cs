using System.Buffers;
using System.Text.Json;
using FastData.Orleans.Streaming.Kafka.Formats;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// Writes a <see cref="KafkaChangeEvent"/> as a Kafka record in its topic's format, so that producing through the stream
/// provider and consuming give back the same event. Key parts are written as JSON strings, which render to the same
/// canonical key.
/// </summary>
internal static class ChangeEventEncoder
{
    public static (byte[] Key, byte[]? Value) Encode(TopicBinding binding, KafkaChangeEvent change)
    {
        var key = EncodeKey(binding.KeyFields, change.Key);
        var value = binding.Format.Name switch
        {
            DebeziumMessageFormat.FormatName => Envelope(change, "op", change.Operation == ChangeOperation.Delete ? "d" : change.HasBefore ? "u" : "c", ordering: "lsn"),
            GoldenGateMessageFormat.FormatName => Envelope(change, "op_type", change.Operation == ChangeOperation.Delete ? "D" : change.HasBefore ? "U" : "I", ordering: "pos"),
            BasicMessageFormat.FormatName => change.Operation == ChangeOperation.Delete ? null : change.After.ToArray(),
            _ => throw new NotSupportedException($"Producing to topic '{binding.Topic}' through the stream provider needs a built-in format; '{binding.Format.Name}' has no encoder. Use IKafkaPublisher."),
        };
        return (key, value);
    }

    internal static byte[] EncodeKey(KafkaKeyFields fields, string canonicalKey)
    {
        var parts = canonicalKey.Split('|');
        if (parts.Length != fields.Count)
        {
            throw new ArgumentException($"Key '{canonicalKey}' has {parts.Length} part(s) but the topic's key has {fields.Count} field(s) ({fields}).", nameof(canonicalKey));
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < parts.Length; i++)
            {
                writer.WriteString(fields.Names[i], parts[i].Replace("%7C", "|", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Envelope(KafkaChangeEvent change, string opName, string op, string ordering)
    {
        var buffer = new ArrayBufferWriter<byte>(change.Before.Length + change.After.Length + 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteImage(writer, "before", change.Before);
            WriteImage(writer, "after", change.Operation == ChangeOperation.Delete ? ReadOnlyMemory<byte>.Empty : change.After);
            writer.WriteString(opName, op);
            if (change.SourceOrdering is { } value)
            {
                if (ordering == "pos")
                {
                    writer.WriteString("pos", value);
                }
                else
                {
                    writer.WriteStartObject("source");
                    writer.WritePropertyName("lsn");
                    writer.WriteRawValue(value, skipInputValidation: true);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteImage(Utf8JsonWriter writer, string name, ReadOnlyMemory<byte> image)
    {
        writer.WritePropertyName(name);
        if (image.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(image.Span, skipInputValidation: true);
        }
    }
}
