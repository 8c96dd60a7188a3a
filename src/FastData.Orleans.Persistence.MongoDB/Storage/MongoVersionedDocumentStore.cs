using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Versioned natural documents on MongoDB, the layer under <see cref="MongoDBGrainStorage"/> and the one a
/// pipeline's record store can wrap: read by key, compare-and-swap write (group committed), compare-and-swap delete,
/// lookups by trusted filters, key listing and index creation. Version 0 means "no versioned document".
/// </summary>
public sealed partial class MongoVersionedDocumentStore : IAsyncDisposable
{
    private readonly IMongoDatabase _database;
    private readonly string _versionField;
    private readonly MongoGroupCommitter _committer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<string, IMongoCollection<BsonDocument>> _collections = new(StringComparer.Ordinal);
    private readonly Lock _collectionsLock = new();

    /// <summary>Creates a store on the database named by <paramref name="options"/> (the driver connects lazily).</summary>
    public MongoVersionedDocumentStore(MongoDBGrainStorageOptions options, ILoggerFactory loggerFactory)
        : this(MongoClientFactory.Create(options.ConnectionString, options.ConfigureClientSettings).GetDatabase(options.DatabaseName), options, loggerFactory)
    {
    }

    /// <summary>Creates a store on <paramref name="database"/>; version field and group commit settings come from <paramref name="options"/>.</summary>
    public MongoVersionedDocumentStore(IMongoDatabase database, MongoDBGrainStorageOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _versionField = options.VersionFieldName;
        _loggerFactory = loggerFactory;
        _committer = new MongoGroupCommitter(options, loggerFactory.CreateLogger<MongoGroupCommitter>());
    }

    /// <summary>The database the store works on.</summary>
    public IMongoDatabase Database => _database;

    /// <summary>The name of the version field.</summary>
    public string VersionFieldName => _versionField;

    /// <summary>Returns the document with <c>_id</c> = <paramref name="key"/>, or null.</summary>
    public async Task<MongoVersionedDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        var document = await GetCollection(collection)
            .Find(new BsonDocument("_id", key))
            .Limit(1)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return document is null ? null : Split(document);
    }

    /// <summary>
    /// Writes <paramref name="fields"/> as the document <paramref name="key"/> if its stored version is
    /// <paramref name="expectedVersion"/> (0: no versioned document may exist) and returns the new version. The write
    /// joins the current group commit and completes once MongoDB acknowledged it. A version mismatch throws
    /// <see cref="InconsistentStateException"/>; any other refusal throws <see cref="MongoDBStorageException"/>.
    /// </summary>
    public async Task<long> WriteAsync(string collection, string key, BsonDocument fields, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var expected = expectedVersion == 0 ? (long?)null : expectedVersion;
        var newVersion = NextVersion(expected);
        await _committer.WriteAsync(new PendingWrite(GetCollection(collection), key, expected, newVersion, Compose(key, fields, newVersion)))
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        return newVersion;
    }

    /// <summary>
    /// Deletes document <paramref name="key"/> if its version is <paramref name="expectedVersion"/>. With 0, a missing
    /// document is fine and an unversioned one is deleted; a versioned one is a conflict
    /// (<see cref="InconsistentStateException"/>), as is a missing document when a version was expected.
    /// </summary>
    public async Task DeleteAsync(string collection, string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var expected = expectedVersion == 0 ? (long?)null : expectedVersion;
        var target = GetCollection(collection);
        var result = await target.DeleteOneAsync(MongoGroupCommitter.CasFilter(_versionField, key, expected), cancellationToken).ConfigureAwait(false);
        if (result.DeletedCount == 0)
        {
            var stored = await target.Find(new BsonDocument("_id", key)).Limit(1).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (expected is not null || stored is not null)
            {
                throw MongoDBGrainStorage.Conflict("delete", collection, key, expected, stored is null ? null : Split(stored).Version);
            }
        }
    }

    /// <summary>
    /// Returns every document of <paramref name="collection"/> matching <paramref name="filter"/> (fields without
    /// <c>_id</c> and version). The filter must come from trusted code (e.g. ER conditions); untrusted input goes
    /// through <see cref="MongoReadModelStore"/>.
    /// </summary>
    public async Task<IReadOnlyList<(string Key, MongoVersionedDocument Document)>> FindAsync(string collection, BsonDocument filter, CancellationToken cancellationToken = default)
    {
        var found = await GetCollection(collection).Find(filter).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Select(d => (d["_id"].ToString()!, Split(d))).ToList();
    }

    /// <summary>Every <c>_id</c> of <paramref name="collection"/>, streamed in batches.</summary>
    public async IAsyncEnumerable<string> KeysAsync(string collection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var cursor = await GetCollection(collection)
            .Find(FilterDefinition<BsonDocument>.Empty)
            .Project(new BsonDocument("_id", 1))
            .ToCursorAsync(cancellationToken)
            .ConfigureAwait(false);
        while (await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return document["_id"].ToString()!;
            }
        }
    }

    /// <summary>Creates the given indexes if missing (see <see cref="MongoIndexManager"/>).</summary>
    public Task EnsureIndexesAsync(IEnumerable<MongoIndexDefinition> definitions, CancellationToken cancellationToken = default)
        => new MongoIndexManager(_database, _loggerFactory.CreateLogger<MongoIndexManager>()).EnsureIndexesAsync(definitions, cancellationToken);

    /// <summary>Sends queued writes and stops the group committer.</summary>
    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    /// <summary>
    /// The next version: one more than the last, but never below the current time in microseconds since the Unix
    /// epoch, so that a document deleted and created again never reuses a version a stale writer might hold.
    /// </summary>
    internal static long NextVersion(long? current)
    {
        var nowMicros = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        return current is { } version ? Math.Max(version + 1, nowMicros) : nowMicros;
    }

    private MongoVersionedDocument Split(BsonDocument document)
    {
        var version = document.TryGetValue(_versionField, out var value) && value.IsNumeric ? value.ToInt64() : 0L;
        document.Remove("_id");
        document.Remove(_versionField);
        return new MongoVersionedDocument(document, version);
    }

    private BsonDocument Compose(string key, BsonDocument fields, long version)
    {
        var document = new BsonDocument("_id", key);
        foreach (var element in fields)
        {
            if (element.Name != "_id" && element.Name != _versionField)
            {
                document.Add(element);
            }
        }

        document[_versionField] = version;
        return document;
    }

    private IMongoCollection<BsonDocument> GetCollection(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_collectionsLock)
        {
            if (!_collections.TryGetValue(name, out var collection))
            {
                collection = _database.GetCollection<BsonDocument>(name);
                if (!collection.Settings.WriteConcern.IsAcknowledged)
                {
                    // A write completes only once MongoDB acknowledged it: w=0 would make every write look successful.
                    collection = collection.WithWriteConcern(WriteConcern.Acknowledged);
                }

                _collections[name] = collection;
            }

            return collection;
        }
    }
}
