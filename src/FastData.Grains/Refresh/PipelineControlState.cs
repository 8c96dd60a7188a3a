using System.Globalization;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;

namespace FastData.Grains.Refresh;

/// <summary>The stored pause setting: <c>{ triggersPaused, settingVersion, changedAt }</c>.</summary>
public sealed class PipelineControlState : IDocumentState
{
    private const string PausedField = "triggersPaused";
    private const string VersionField = "settingVersion";
    private const string ChangedAtField = "changedAt";

    public bool TriggersPaused { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }

    public PipelineControlStatus ToStatus() => new(TriggersPaused, Version, ChangedAt);

    public JsonObject? ToDocument() => new()
    {
        [PausedField] = TriggersPaused,
        [VersionField] = Version,
        [ChangedAtField] = ChangedAt?.ToString("O", CultureInfo.InvariantCulture),
    };

    public void LoadDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        TriggersPaused = document[PausedField] is JsonValue paused && paused.TryGetValue<bool>(out var p) && p;
        Version = document[VersionField] is JsonValue version && version.TryGetValue<long>(out var v) ? v : 0;
        ChangedAt = document[ChangedAtField] is JsonValue changed && changed.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
    }
}
