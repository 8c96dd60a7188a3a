using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;
using Orleans.Storage;

namespace FastData.Grains.Storage;

/// <summary>
/// The pipeline's records in MongoDB: one collection per projection and single view, each record a natural
/// document (<c>_id</c> = the key, typed fields from <see cref="MongoRecordSchema"/>, <c>__STATE__</c>, timestamps,
/// source position) versioned by <see cref="MongoVersionedDocumentStore"/> (compare-and-swap, group commit).
/// Reads give back the typed record the caster produced (dates as ISO strings with milliseconds), so the pipeline
/// behaves as it does on <see cref="InMemoryRecordStore"/>.
/// </summary>
public sealed class MongoRecordStore : IRecordStore
{
    /// <summary>How many keys one <see cref="GetManyAsync"/> query asks for at most.</summary>
    public const int MaxKeysPerQuery = 500;

    private readonly MongoVersionedDocumentStore _store;
    private readonly MongoRecordSchema _schema;
    private readonly ConcurrentDictionary<(string Collection, string Field), Lazy<Task>> _indexes = new();
    private readonly SemaphoreSlim _reads;

    /// <summary>The default bound on reads and lookups in flight at once.</summary>
    public const int DefaultMaxConcurrentReads = 256;

    /// <summary>Creates a store over <paramref name="store"/> that types fields by <paramref name="schema"/>.</summary>
    /// <param name="store">The versioned documents underneath.</param>
    /// <param name="schema">The field types of each collection.</param>
    /// <param name="maxConcurrentReads">
    /// Reads and lookups in flight at once; more wait here. A burst of grain activations (an initial load) issues
    /// thousands of reads at once, and the driver fails every operation beyond its connection pool's wait queue
    /// (pool size × 5) instead of queueing it: keep this below that (the default pool holds 100 connections).
    /// </param>
    public MongoRecordStore(MongoVersionedDocumentStore store, MongoRecordSchema schema, int maxConcurrentReads = DefaultMaxConcurrentReads)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentReads, 1);
        _store = store;
        _schema = schema;
        _reads = new SemaphoreSlim(maxConcurrentReads, maxConcurrentReads);
    }

    /// <summary>The document store underneath (its database, version field).</summary>
    public MongoVersionedDocumentStore DocumentStore => _store;

    /// <inheritdoc />
    public async ValueTask<VersionedDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken)
    {
        MongoVersionedDocument? stored;
        await _reads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            stored = await _store.ReadAsync(collection, key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reads.Release();
        }

        return stored is null ? null : new VersionedDocument(_schema.ConverterFor(collection).ToJson(stored.Document), stored.Version);
    }

    /// <inheritdoc />
    public async ValueTask<long> WriteAsync(string collection, string key, JsonObject document, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fields = _schema.ConverterFor(collection).ToBson(document);
        try
        {
            return await _store.WriteAsync(collection, key, fields, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException conflict)
        {
            throw Conflict(collection, key, expectedVersion, conflict);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string collection, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await _store.DeleteAsync(collection, key, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException conflict)
        {
            throw Conflict(collection, key, expectedVersion, conflict);
        }
    }

    /// <inheritdoc />
    public async ValueTask EnsureIndexAsync(string collection, string field, CancellationToken cancellationToken)
    {
        // Named as MongoRecordIndexSource names the model's single-field lookups, so that both describe one index.
        var creation = _indexes.GetOrAdd((collection, field), static (k, store) => new Lazy<Task>(
            () => store.EnsureIndexesAsync([MongoIndexDefinition.On(k.Collection, k.Field) with { Name = MongoRecordIndexSource.IndexName([k.Field]) }])), _store);
        try
        {
            await creation.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (creation.Value.IsFaulted)
        {
            // Let a later call try again rather than remember the failure forever.
            _indexes.TryRemove(new KeyValuePair<(string, string), Lazy<Task>>((collection, field), creation));
            throw;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> KeysAsync(string collection, CancellationToken cancellationToken) =>
        _store.KeysAsync(collection, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken) =>
        (await ReadAsync(projection, key, cancellationToken).ConfigureAwait(false))?.Document;

    /// <inheritdoc />
    /// <remarks>One query per <see cref="MaxKeysPerQuery"/> keys (<c>_id</c> in the batch).</remarks>
    public async ValueTask<IReadOnlyDictionary<string, JsonObject>> GetManyAsync(string projection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var converter = _schema.ConverterFor(projection);
        var records = new Dictionary<string, JsonObject>(keys.Count, StringComparer.Ordinal);
        foreach (var batch in keys.Chunk(MaxKeysPerQuery))
        {
            var query = new BsonDocument("_id", new BsonDocument("$in", new BsonArray(batch)));
            foreach (var (key, stored) in await FindBoundedAsync(projection, query, cancellationToken).ConfigureAwait(false))
            {
                records[key] = converter.ToJson(stored.Document);
            }
        }

        return records;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = MongoRecordFilterTranslator.Translate(filter, field => _schema.KindOf(projection, field));
        if (query is null)
        {
            return [];
        }

        var converter = _schema.ConverterFor(projection);
        var found = await FindBoundedAsync(projection, query, cancellationToken).ConfigureAwait(false);
        var results = new List<JsonObject>(found.Count);
        foreach (var (_, stored) in found)
        {
            // MongoDB's equality is looser in places (arrays containing the value): keep exactly what Matches keeps.
            var record = converter.ToJson(stored.Document);
            if (filter.Matches(record))
            {
                results.Add(record);
            }
        }

        return results;
    }

    /// <summary>A query within the bound on reads in flight.</summary>
    private async Task<IReadOnlyList<(string Key, MongoVersionedDocument Document)>> FindBoundedAsync(string collection, BsonDocument query,
        CancellationToken cancellationToken)
    {
        await _reads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _store.FindAsync(collection, query, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reads.Release();
        }
    }

    private static RecordVersionConflictException Conflict(string collection, string key, long expected, InconsistentStateException conflict)
    {
        var actual = long.TryParse(conflict.StoredEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stored) ? stored : 0;
        return new RecordVersionConflictException(
            $"Document '{key}' of '{collection}' is at version {(actual == 0 ? "none or another" : actual.ToString(CultureInfo.InvariantCulture))}, not {expected}.",
            conflict);
    }
}
