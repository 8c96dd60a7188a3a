using System.Globalization;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;

namespace FastData.Grains.Refresh;

/// <summary>The stored pipeline switches: <c>{ triggersPaused, ingestionPaused: [projection...], settingVersion, changedAt }</c>.</summary>
public sealed class PipelineControlState : IDocumentState
{
    private const string PausedField = "triggersPaused";
    private const string IngestionPausedField = "ingestionPaused";
    private const string VersionField = "settingVersion";
    private const string ChangedAtField = "changedAt";

    public bool TriggersPaused { get; set; }

    /// <summary>The projections whose ingestion is paused.</summary>
    public SortedSet<string> IngestionPaused { get; } = new(StringComparer.Ordinal);

    public long Version { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }

    public PipelineControlStatus ToStatus() => new(TriggersPaused, Version, ChangedAt) { IngestionPaused = IngestionPaused.ToArray() };

    public JsonObject? ToDocument() => new()
    {
        [PausedField] = TriggersPaused,
        [IngestionPausedField] = new JsonArray([.. IngestionPaused.Select(p => (JsonNode?)p)]),
        [VersionField] = Version,
        [ChangedAtField] = ChangedAt?.ToString("O", CultureInfo.InvariantCulture),
    };

    public void LoadDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        TriggersPaused = document[PausedField] is JsonValue paused && paused.TryGetValue<bool>(out var p) && p;
        IngestionPaused.Clear();
        if (document[IngestionPausedField] is JsonArray projections)
        {
            foreach (var projection in projections)
            {
                if (projection is JsonValue name && name.TryGetValue<string>(out var projectionName))
                {
                    IngestionPaused.Add(projectionName);
                }
            }
        }

        Version = document[VersionField] is JsonValue version && version.TryGetValue<long>(out var v) ? v : 0;
        ChangedAt = document[ChangedAtField] is JsonValue changed && changed.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
    }
}
