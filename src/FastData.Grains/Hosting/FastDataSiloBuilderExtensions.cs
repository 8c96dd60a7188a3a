using FastData.Grains.Pipeline;
using FastData.Grains.Projections;
using FastData.Grains.Reads;
using FastData.Grains.SingleViews;
using FastData.Grains.Storage;
using FastData.Grains.Streams;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Orleans.Hosting;

/// <summary>Registers the Fast Data pipeline (projection and single-view grains) on a silo.</summary>
public static class FastDataSiloBuilderExtensions
{
    /// <summary>
    /// Adds the pipeline for <paramref name="model"/>. Records live in the <see cref="IRecordStore"/> registered in
    /// the container, or in an <see cref="InMemoryRecordStore"/> when none is; sinks for dead letters,
    /// single-view changes and aggregation errors must be registered by the host (or come from
    /// <see cref="AddInMemoryPipelineSinks"/>). <paramref name="configureSingleViews"/> sets how single views pace their
    /// aggregations (<see cref="SingleViewOptions"/>) and <paramref name="configureProjections"/> how long idle projection
    /// grains stay in memory (<see cref="ProjectionOptions"/>); both are validated at silo start.
    /// </summary>
    public static ISiloBuilder AddFastDataPipeline(this ISiloBuilder builder, FastDataModel model, Action<SingleViewOptions>? configureSingleViews = null, Action<ProjectionOptions>? configureProjections = null)
    {
        var services = builder.Services;
        var singleViews = services.AddOptions<SingleViewOptions>();
        if (configureSingleViews is not null)
        {
            singleViews.Configure(configureSingleViews);
        }

        var projections = services.AddOptions<ProjectionOptions>();
        if (configureProjections is not null)
        {
            projections.Configure(configureProjections);
        }

        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<ProjectionOptions>>((collection, projection) =>
            collection.ClassSpecificCollectionAge[typeof(ProjectionGrain).FullName!] = projection.Value.IdleDeactivation);
        services.AddSingleton<IConfigurationValidator, SingleViewOptionsValidator>();
        services.AddSingleton<IConfigurationValidator, ProjectionOptionsValidator>();
        services.AddSingleton(model);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<LocalDocuments>();
        services.TryAddSingleton<PipelineGrainReferences>();
        services.TryAddSingleton<AggregationGate>();
        services.TryAddSingleton<IRecordStore, InMemoryRecordStore>();
        services.TryAddSingleton<IProjectionResolver>(sp => sp.GetRequiredService<IRecordStore>());
        services.AddSingleton<IStreamNamespacePredicateProvider, ProjectionNamespacePredicateProvider>();
        services.AddKeyedSingleton<IStreamIdMapper, ProjectionStreamIdMapper>(ProjectionStreamIdMapper.Name);
        services.AddKeyedSingleton<IGrainStorage>(RecordStoreGrainStorage.ProviderName, (sp, _) => new RecordStoreGrainStorage(sp.GetRequiredService<IRecordStore>()));
        return builder;
    }

    /// <summary>Sinks that keep dead letters, single-view changes and aggregation errors in memory (tests, or a
    /// host without Kafka output).</summary>
    public static ISiloBuilder AddInMemoryPipelineSinks(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton<InMemoryPipelineSinks>();
        builder.Services.TryAddSingleton<IDeadLetterSink>(sp => sp.GetRequiredService<InMemoryPipelineSinks>());
        builder.Services.TryAddSingleton<ISingleViewChangeSink>(sp => sp.GetRequiredService<InMemoryPipelineSinks>());
        builder.Services.TryAddSingleton<IAggregationErrorSink>(sp => sp.GetRequiredService<InMemoryPipelineSinks>());
        return builder;
    }
}
