using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastData.Grains.Commands;

/// <summary>The record a command becomes on its system's Kafka topic (key = command id, value = this as JSON).</summary>
public sealed record CommandEnvelope(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payload")] JsonElement Payload,
    [property: JsonPropertyName("acceptedAt")] DateTimeOffset AcceptedAt)
{
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Reads an envelope; throws <see cref="JsonException"/> when the record is not one.</summary>
    public static CommandEnvelope Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<CommandEnvelope>(utf8) is { Id: not null, System: not null, Type: not null } envelope
            ? envelope
            : throw new JsonException("the record is not a command envelope (id, system, type, payload)");
}
