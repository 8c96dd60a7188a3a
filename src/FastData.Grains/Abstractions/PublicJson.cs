using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Abstractions;

/// <summary>
/// The JSON text a channel reads: the document without its top-level internal fields (names starting with <c>__</c>:
/// record state, source position), written once by the grain that owns the document, so that each API read only
/// copies text instead of parsing and writing the document again.
/// </summary>
public static class PublicJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True for a field that is storage metadata rather than document content.</summary>
    public static bool IsInternal(string field) => field.StartsWith("__", StringComparison.Ordinal);

    public static string Write(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in document)
            {
                if (IsInternal(name))
                {
                    continue;
                }

                // The writer's encoder escapes nested values too.
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The same text from a document stored as UTF-8 JSON.</summary>
    public static string Write(ReadOnlySpan<byte> utf8Document)
    {
        var reader = new Utf8JsonReader(utf8Document, StoredJson.ReaderOptions);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A stored document is not a JSON object.");
        }

        var buffer = new ArrayBufferWriter<byte>(utf8Document.Length);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!IsInternal(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
