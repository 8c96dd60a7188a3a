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
    private readonly MongoVersionedDocumentStore _store;
    private readonly ConcurrentDictionary<Type, object> _mappers = new();

    /// <summary>Creates the storage; the driver connects lazily on the first operation.</summary>
    public MongoDBGrainStorage(string name, MongoDBGrainStorageOptions options, IActivatorProvider activatorProvider, ILoggerFactory loggerFactory, IServiceProvider? services = null)
    {
        _name = name;
        _options = options;
        _activatorProvider = activatorProvider;
        _services = services;
        _logger = loggerFactory.CreateLogger<MongoDBGrainStorage>();
        _store = new MongoVersionedDocumentStore(options, loggerFactory);
        LogInformationCreated(name, MongoConnectionStringRedactor.Redact(options.ConnectionString), options.DatabaseName, options.GroupCommitWindow.TotalMilliseconds, options.GroupCommitMaxBatchSize);
    }

    /// <summary>The database this storage writes to.</summary>
    public IMongoDatabase Database => _store.Database;

    /// <summary>The versioned document store under this grain storage (same group committer).</summary>
    public MongoVersionedDocumentStore Documents => _store;

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

        await _store.EnsureIndexesAsync(definitions, cancellationToken).ConfigureAwait(false);
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
            var stored = await _store.ReadAsync(key.CollectionName, key.Id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                grainState.State = CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            grainState.ETag = stored.Version == 0 ? null : stored.Version.ToString(CultureInfo.InvariantCulture);
            if (!_options.DeleteStateOnClear && stored.Document.TryGetValue(_options.TombstoneFieldName, out var cleared) && cleared.IsBoolean && cleared.AsBoolean)
            {
                grainState.State = CreateInstance<T>();
                grainState.RecordExists = false;
                return;
            }

            grainState.State = mapper.FromDocument(stored.Document);
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
        BsonDocument fields;
        try
        {
            fields = mapper.ToDocument(grainState.State!);
        }
        catch (Exception ex)
        {
            throw new MongoDBStorageException($"Failed to map state '{stateName}' of {grainId} to a document for '{key.CollectionName}': {ex.Message}", ex);
        }

        var version = await _store.WriteAsync(key.CollectionName, key.Id, fields, expected, cancellationToken).ConfigureAwait(false);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var mapper = GetMapper<T>();
        var key = mapper.Locate(stateName, grainId);
        var expected = ParseETag(grainState.ETag, key);
        if (_options.DeleteStateOnClear)
        {
            try
            {
                await _store.DeleteAsync(key.CollectionName, key.Id, expected, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or InconsistentStateException))
            {
                throw new MongoDBStorageException($"Failed to clear state '{stateName}' of {grainId} in '{key.CollectionName}'/'{key.Id}': {ex.GetType().Name}: {ex.Message}", ex);
            }

            grainState.ETag = null;
        }
        else
        {
            var tombstone = new BsonDocument(_options.TombstoneFieldName, true);
            var version = await _store.WriteAsync(key.CollectionName, key.Id, tombstone, expected, cancellationToken).ConfigureAwait(false);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        }

        grainState.State = CreateInstance<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Sends queued writes and stops the group committer.</summary>
    public ValueTask DisposeAsync() => _store.DisposeAsync();

    internal static InconsistentStateException Conflict(string operation, string collection, string id, long? expected, long? stored)
        => new(
            $"Version conflict on {operation} of '{id}' in '{collection}': the writer holds version {expected?.ToString(CultureInfo.InvariantCulture) ?? "none"}, MongoDB has {stored?.ToString(CultureInfo.InvariantCulture) ?? "another or none"}.",
            stored?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            expected?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>The version a grain's ETag names; 0 when it has none.</summary>
    private long ParseETag(string? eTag, MongoDocumentKey key)
    {
        if (eTag is null)
        {
            return 0;
        }

        return long.TryParse(eTag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) && version >= 0
            ? version
            : throw new InconsistentStateException($"ETag '{eTag}' of '{key.Id}' in '{key.CollectionName}' was not issued by MongoDB grain storage '{_name}'.", string.Empty, eTag);
    }

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
