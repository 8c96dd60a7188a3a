using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Model.Configuration;
using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace Orleans.Hosting;

/// <summary>Puts the pipeline's records and aggregation errors in MongoDB.</summary>
public static class MongoRecordStoreSiloBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="MongoRecordStore"/> as the <see cref="IRecordStore"/> (typed by the model's
    /// <see cref="MongoRecordSchema"/>), the model's lookup indexes created at silo start, and
    /// <see cref="MongoAggregationErrorSink"/> as the <see cref="IAggregationErrorSink"/> unless one is registered.
    /// Call it before <c>AddFastDataPipeline</c>, whose in-memory store is only a fallback. Options are those of
    /// the versioned document store (connection string, database, group commit) and are validated at silo start.
    /// </summary>
    public static ISiloBuilder AddMongoDBRecordStore(this ISiloBuilder builder, FastDataModel model, Action<MongoDBGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(configureOptions);
        var services = builder.Services;
        services.AddMongoDBVersionedDocumentStore(configureOptions);
        services.TryAddSingleton(MongoRecordSchema.FromModel(model));
        services.TryAddSingleton(new MongoRecordIndexSource(model));
        services.TryAddSingleton(sp => new MongoRecordStore(sp.GetRequiredService<MongoVersionedDocumentStore>(), sp.GetRequiredService<MongoRecordSchema>()));
        services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<MongoRecordStore>());
        services.AddSingleton<MongoRecordIndexBootstrap>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MongoRecordIndexBootstrap>());
        services.TryAddSingleton<IAggregationErrorSink>(sp => new MongoAggregationErrorSink(
            sp.GetRequiredService<MongoVersionedDocumentStore>().Database,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MongoAggregationErrorSink>>()));
        return builder;
    }
}
