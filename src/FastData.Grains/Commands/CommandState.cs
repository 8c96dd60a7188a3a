using System.Globalization;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;

namespace FastData.Grains.Commands;

/// <summary>The stored command: <c>{ system, type, status, error, attempts, acceptedAt, updatedAt, requestHash, submittedBy, payload }</c>.</summary>
public sealed class CommandState : IDocumentState
{
    public string? System { get; set; }

    public string? Type { get; set; }

    public CommandStatus Status { get; set; }

    public string? Error { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? RequestHash { get; set; }

    public string? SubmittedBy { get; set; }

    public string? Payload { get; set; }

    public JsonObject? ToDocument() => System is null ? null : new JsonObject
    {
        ["system"] = System,
        ["type"] = Type,
        ["status"] = Status.ToString(),
        ["error"] = Error,
        ["attempts"] = Attempts,
        ["acceptedAt"] = AcceptedAt.ToString("O", CultureInfo.InvariantCulture),
        ["updatedAt"] = UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["requestHash"] = RequestHash,
        ["submittedBy"] = SubmittedBy,
        ["payload"] = Payload,
    };

    public void LoadDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        System = Text(document, "system");
        Type = Text(document, "type");
        Status = Enum.TryParse<CommandStatus>(Text(document, "status"), out var status) ? status : CommandStatus.Accepted;
        Error = Text(document, "error");
        Attempts = document["attempts"] is JsonValue attempts && attempts.TryGetValue<int>(out var a) ? a : 0;
        AcceptedAt = Date(document, "acceptedAt");
        UpdatedAt = Date(document, "updatedAt");
        RequestHash = Text(document, "requestHash");
        SubmittedBy = Text(document, "submittedBy");
        Payload = Text(document, "payload");
    }

    private static string? Text(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset Date(JsonObject document, string field) =>
        Text(document, field) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : default;
}
