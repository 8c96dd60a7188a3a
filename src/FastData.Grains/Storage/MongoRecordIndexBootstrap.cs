using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace FastData.Grains.Storage;

/// <summary>
/// Creates the model's lookup indexes (<see cref="MongoRecordIndexSource"/>) when the silo starts, before streams
/// deliver the first event. Idempotent, so every silo does it at every start; a conflicting existing index stops the
/// start with every problem listed.
/// </summary>
public sealed partial class MongoRecordIndexBootstrap(MongoRecordStore store, MongoRecordIndexSource source, ILogger<MongoRecordIndexBootstrap> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MongoRecordIndexBootstrap), ServiceLifecycleStage.ApplicationServices, EnsureIndexesAsync);

    /// <summary>Creates the missing indexes.</summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        await store.DocumentStore.EnsureIndexesAsync(source.Indexes, cancellationToken).ConfigureAwait(false);
        LogInformationIndexesEnsured(source.Indexes.Count, store.DocumentStore.Database.DatabaseNamespace.DatabaseName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ensured {Count} lookup indexes of the model in MongoDB database {Database}")]
    private partial void LogInformationIndexesEnsured(int count, string database);
}
