using MongoDB.Driver;
using Orleans;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Options of a MongoDB grain storage provider (one instance per provider name).</summary>
public sealed class MongoDBGrainStorageOptions
{
    /// <summary>The default name of the field holding a document's version (its ETag).</summary>
    public const string DefaultVersionFieldName = "__version";

    /// <summary>Required. A MongoDB connection string (<c>mongodb://</c> or <c>mongodb+srv://</c>); logged without its password.</summary>
    [RedactMongoConnectionString]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Required. The database holding the state collections.</summary>
    public string DatabaseName { get; set; } = string.Empty;

    /// <summary>Optional hook on the driver settings (command event subscribers, TLS, pool sizes...).</summary>
    public Action<MongoClientSettings>? ConfigureClientSettings { get; set; }

    /// <summary>Prefix of the collections chosen by the default mapper.</summary>
    public string CollectionPrefix { get; set; } = string.Empty;

    /// <summary>The Int64 field that versions each document and serves as the grain's ETag.</summary>
    public string VersionFieldName { get; set; } = DefaultVersionFieldName;

    /// <summary>True (default): clearing a state deletes its document. False: a tombstone keeps <c>_id</c>, the version and <see cref="TombstoneFieldName"/>.</summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>The boolean field marking a tombstone when <see cref="DeleteStateOnClear"/> is false.</summary>
    public string TombstoneFieldName { get; set; } = "__cleared";

    /// <summary>
    /// How long the group committer waits after the first pending write for others to join its bulk write.
    /// Zero sends as soon as the previous bulk write has been handed to the driver (batching only what queued meanwhile).
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The most grain writes sent in one bulk write command; a full batch is sent without waiting for the window.</summary>
    public int GroupCommitMaxBatchSize { get; set; } = 500;

    /// <summary>How many bulk writes may be in flight at once (across collections and batches).</summary>
    public int GroupCommitMaxConcurrentBatches { get; set; } = 4;

    /// <summary>Indexes created idempotently when the silo starts (in addition to those of registered <see cref="IMongoIndexSource"/>s).</summary>
    public IList<MongoIndexDefinition> Indexes { get; } = [];

    /// <summary>The silo lifecycle stage at which indexes are created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    internal Dictionary<Type, object> DocumentMappers { get; } = [];

    /// <summary>Uses <paramref name="mapper"/> for every state of type <typeparamref name="TState"/> (overrides one registered in DI).</summary>
    public MongoDBGrainStorageOptions AddDocumentMapper<TState>(IMongoDocumentMapper<TState> mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        DocumentMappers[typeof(TState)] = mapper;
        return this;
    }
}
