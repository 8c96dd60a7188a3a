using System.Text.Json.Nodes;
using FastData.Model.Aggregation;

namespace FastData.Model.Tests.Support;

/// <summary>
/// Records filed under keys the test chooses, as the pipeline files them under the source's key: the ingestion renders
/// the raw key image, which a cast may reformat in the record (a date, "0100" read as the integer 100).
/// </summary>
internal sealed class KeyedResolver : IProjectionResolver
{
    private readonly Dictionary<(string Projection, string Key), JsonObject> _records = [];

    public void Put(string projection, string key, JsonObject record)
    {
        if (!record.ContainsKey(RecordStates.Field))
        {
            record[RecordStates.Field] = RecordStates.Public;
        }

        _records[(projection, key)] = record;
    }

    public ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_records.GetValueOrDefault((projection, key)));

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<JsonObject>>([.. _records.Where(r => r.Key.Projection == projection && filter.Matches(r.Value)).Select(r => r.Value)]);
}
