using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Grain storage on MongoDB: each state is a natural document (<c>_id</c> = key, the mapper's fields, an Int64
/// version field that is the ETag), written through a group committer with a compare-and-swap per document.
/// </summary>
public sealed partial class MongoDBGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly MongoDBGrainStorageOptions _options;
    private readonly IActivatorProvider _activatorProvider;
    private readonly IServiceProvider? _services;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IMongoDatabase _database;
    private readonly MongoGroupCommitter _committer;
    private readonly ConcurrentDictionary<Type, object> _mappers = new();
    private readonly ConcurrentDictionary<string, IMongoCollection<BsonDocument>> _collections = new(StringComparer.Ordinal);

    /// <summary>Creates the storage; the driver connects lazily on the first operation.</summary>
    public MongoDBGrainStorage(string name, MongoDBGrainStorageOptions options, IActivatorProvider activatorProvider, ILoggerFactory loggerFactory, IServiceProvider? services = null)
    {
        _name = name;
        _options = options;
        _activatorProvider = activatorProvider;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<MongoDBGrainStorage>();
        _database = MongoClientFactory.Create(options.ConnectionString, options.ConfigureClientSettings).GetDatabase(options.DatabaseName);
        _committer = new MongoGroupCommitter(options, _logger);
        LogInformationCreated(name, MongoConnectionStringRedactor.Redact(options.ConnectionString), options.DatabaseName, options.GroupCommitWindow.TotalMilliseconds, options.GroupCommitMaxBatchSize);
    }

    /// <summary>The database this storage writes to.</summary>
    public IMongoDatabase Database => _database;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(OptionFormattingUtilities.Name<MongoDBGrainStorage>(_name), _options.InitStage, EnsureIndexesAsync);

    /// <summary>Creates the indexes of the options and of every registered <see cref="IMongoIndexSource"/> (idempotent).</summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        var definitions = _options.Indexes.ToList();
        if (_services is not null)
        {
            foreach (var source in _services.GetServices<IMongoIndexSource>())
            {
                definitions.AddRange(source.GetIndexes(_name));
            }
        }

        if (definitions.Count == 0)
        {
            return;
        }

        await new MongoIndexManager(_database, _loggerFactory.CreateLogger<MongoIndexManager>())
            .EnsureIndexesAsync(definitions, cancellationToken)
            .ConfigureAwait(false);
        LogInformationIndexesEnsured(_name, definitions.Count);
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var mapper = GetMapper<T>();
        var key = mapper.Locate(stateName, grainId);
        try
        {
            var document = await GetCollection(key.CollectionName)
                .Find(new BsonDocument("_id", key.Id))
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
            if (document is null)
            {
                grainState.State = CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            var version = ReadVersion(document);
            grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
            if (!_options.DeleteStateOnClear && document.TryGetValue(_options.TombstoneFieldName, out var cleared) && cleared.IsBoolean && cleared.AsBoolean)
            {
                grainState.State = CreateInstance<T>();
                grainState.RecordExists = false;
                return;
            }

            document.Remove("_id");
            document.Remove(_options.VersionFieldName);
            grainState.State = mapper.FromDocument(document);
            grainState.RecordExists = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogErrorReadFailed(ex, stateName, grainId, key.CollectionName, key.Id);
            throw new MongoDBStorageException($"Failed to read state '{stateName}' of {grainId} from '{key.CollectionName}'/'{key.Id}' (storage '{_name}'): {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var mapper = GetMapper<T>();
        var key = mapper.Locate(stateName, grainId);
        var expected = ParseETag(grainState.ETag, key);
        var newVersion = NextVersion(expected);
        BsonDocument fields;
        try
        {
            fields = mapper.ToDocument(grainState.State!);
        }
        catch (Exception ex)
        {
            throw new MongoDBStorageException($"Failed to map state '{stateName}' of {grainId} to a document for '{key.CollectionName}': {ex.Message}", ex);
        }

        await _committer.WriteAsync(new PendingWrite(GetCollection(key.CollectionName), key.Id, expected, newVersion, Compose(key.Id, fields, newVersion)))
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var mapper = GetMapper<T>();
        var key = mapper.Locate(stateName, grainId);
        var expected = ParseETag(grainState.ETag, key);
        var collection = GetCollection(key.CollectionName);
        if (_options.DeleteStateOnClear)
        {
            DeleteResult result;
            try
            {
                result = await collection.DeleteOneAsync(MongoGroupCommitter.CasFilter(_options.VersionFieldName, key.Id, expected), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new MongoDBStorageException($"Failed to clear state '{stateName}' of {grainId} in '{key.CollectionName}'/'{key.Id}': {ex.GetType().Name}: {ex.Message}", ex);
            }

            if (result.DeletedCount == 0)
            {
                // Nothing matched: fine if there is nothing to clear and the grain expected nothing, a conflict otherwise.
                var stored = await collection.Find(new BsonDocument("_id", key.Id)).Limit(1).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (expected is not null || stored is not null)
                {
                    throw Conflict("clear", key.CollectionName, key.Id, expected, stored is null ? null : ReadVersion(stored));
                }
            }

            grainState.ETag = null;
        }
        else
        {
            var newVersion = NextVersion(expected);
            var tombstone = new BsonDocument { { "_id", key.Id }, { _options.VersionFieldName, newVersion }, { _options.TombstoneFieldName, true } };
            await _committer.WriteAsync(new PendingWrite(collection, key.Id, expected, newVersion, tombstone)).WaitAsync(cancellationToken).ConfigureAwait(false);
            grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
        }

        grainState.State = CreateInstance<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Sends queued writes and stops the group committer.</summary>
    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    internal static InconsistentStateException Conflict(string operation, string collection, string id, long? expected, long? stored)
        => new(
            $"Version conflict on {operation} of '{id}' in '{collection}': the grain holds version {expected?.ToString(CultureInfo.InvariantCulture) ?? "none"}, MongoDB has {stored?.ToString(CultureInfo.InvariantCulture) ?? "another or none"}.",
            stored?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            expected?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>
    /// The next version: one more than the last, but never below the current time in microseconds since the Unix
    /// epoch, so that a document deleted and created again never reuses a version a stale activation might hold.
    /// </summary>
    internal static long NextVersion(long? current)
    {
        var nowMicros = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        return current is { } version ? Math.Max(version + 1, nowMicros) : nowMicros;
    }

    private BsonDocument Compose(string id, BsonDocument fields, long version)
    {
        var document = new BsonDocument("_id", id);
        foreach (var element in fields)
        {
            if (element.Name != "_id" && element.Name != _options.VersionFieldName)
            {
                document.Add(element);
            }
        }

        document[_options.VersionFieldName] = version;
        return document;
    }

    private long? ReadVersion(BsonDocument document)
        => document.TryGetValue(_options.VersionFieldName, out var value) && value.IsNumeric ? value.ToInt64() : null;

    private long? ParseETag(string? eTag, MongoDocumentKey key)
    {
        if (eTag is null)
        {
            return null;
        }

        return long.TryParse(eTag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{eTag}' of '{key.Id}' in '{key.CollectionName}' was not issued by MongoDB grain storage '{_name}'.", string.Empty, eTag);
    }

    private IMongoCollection<BsonDocument> GetCollection(string name)
        => _collections.GetOrAdd(name, static (n, db) => db.GetCollection<BsonDocument>(n), _database);

    private IMongoDocumentMapper<T> GetMapper<T>()
        => (IMongoDocumentMapper<T>)_mappers.GetOrAdd(typeof(T), static (_, self) => self.CreateMapper<T>(), this);

    private object CreateMapper<T>()
        => _options.DocumentMappers.TryGetValue(typeof(T), out var configured) ? configured
            : _services?.GetService<IMongoDocumentMapper<T>>() ?? (object)new BsonSerializerDocumentMapper<T>(_options.CollectionPrefix);

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB grain storage {Name} uses {ConnectionString} database {Database}; group commit window {WindowMs} ms, batch size {BatchSize}")]
    private partial void LogInformationCreated(string name, string connectionString, string database, double windowMs, int batchSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB grain storage {Name} ensured {Count} index definitions")]
    private partial void LogInformationIndexesEnsured(string name, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to read state {StateName} of {GrainId} from {Collection}/{Id}")]
    private partial void LogErrorReadFailed(Exception exception, string stateName, GrainId grainId, string collection, string id);
}
