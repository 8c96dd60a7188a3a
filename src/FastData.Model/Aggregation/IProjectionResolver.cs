using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>
/// Reads projection records for the aggregation engine and the strategies. Records are typed records as stored
/// (with <c>__STATE__</c>); the implementation returns them in any state and may return shared instances:
/// callers never mutate them. Shared instances must be safe for concurrent reads: a <see cref="JsonObject"/>
/// parsed from text materialises its properties lazily on first access, which is not thread-safe, so share
/// only records built property by property (as <c>ProjectionRecordCaster</c> does) or return copies.
/// </summary>
public interface IProjectionResolver
{
    /// <summary>The record of <paramref name="projection"/> with canonical key <paramref name="key"/>, or null.</summary>
    ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken);

    /// <summary>Every record of <paramref name="projection"/> matching <paramref name="filter"/>, in any order.</summary>
    ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The records of <paramref name="projection"/> with these canonical keys, by key; a key with no record is left out.
    /// A store that can read many keys in one round trip overrides it; the default reads them one by one.
    /// </summary>
    async ValueTask<IReadOnlyDictionary<string, JsonObject>> GetManyAsync(string projection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, JsonObject>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (await GetAsync(projection, key, cancellationToken).ConfigureAwait(false) is { } record)
            {
                found[key] = record;
            }
        }

        return found;
    }
}
