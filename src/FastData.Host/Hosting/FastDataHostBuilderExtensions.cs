using FastData.Grains.Pipeline;
using FastData.Grains.Projections;
using FastData.Grains.SingleViews;
using FastData.Host.Apis;
using FastData.Host.Health;
using FastData.Host.Observability;
using FastData.Host.Queries;
using FastData.Host.Security;
using FastData.Host.SampleFeed;
using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using Orleans.Streams;
using Scalar.AspNetCore;

namespace FastData.Host.Hosting;

/// <summary>Composes the host: configuration model, Kafka, co-hosted silo with the pipeline, API, health, Dashboard.</summary>
public static class FastDataHostBuilderExtensions
{
    /// <summary>The name of the Kafka stream provider that feeds the projection grains.</summary>
    public const string KafkaProviderName = "kafka";

    /// <summary>Full refresh and trigger pause settings (<c>PipelineRefreshOptions</c>: MaxConcurrency, ControlPollInterval).</summary>
    public const string RefreshSectionName = "FastData:Refresh";

    /// <summary>How single views pace their aggregations (<c>SingleViewOptions</c>: MinRunInterval, CoalesceWindow, CoalesceWindowBusyAt, MaxConcurrentAggregations).</summary>
    public const string SingleViewsSectionName = "FastData:SingleViews";
    public const string ProjectionsSectionName = "FastData:Projections";

    /// <summary>librdkafka's mock broker answers an empty fetch only after <c>fetch.wait.max.ms</c>, even when records
    /// arrive meanwhile (a real broker answers at once), so on the embedded Kafka the wait adds to every record's
    /// freshness when the pipeline is idle: it is kept short there unless <c>FastData:Kafka:Settings</c> says otherwise.</summary>
    private const string EmbeddedFetchWaitMs = "5";

    private const string ReadyTag = "ready";

    /// <summary>Adds every FastData service. Returns the configuration problems instead of throwing, so that
    /// the caller can print all of them and exit non-zero.</summary>
    public static IReadOnlyList<string> AddFastData(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var hostOptions = configuration.GetSection(FastDataOptions.SectionName).Get<FastDataOptions>() ?? new FastDataOptions();
        var siloOptions = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var kafkaOptions = configuration.GetSection(KafkaHostOptions.SectionName).Get<KafkaHostOptions>() ?? new KafkaHostOptions();
        var feedOptions = configuration.GetSection(SampleFeedOptions.SectionName).Get<SampleFeedOptions>() ?? new SampleFeedOptions();
        var apiOptions = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var pipeline = new PipelineTimings(
            configuration.GetSection(SingleViewsSectionName).Get<SingleViewOptions>() ?? new SingleViewOptions(),
            configuration.GetSection(ProjectionsSectionName).Get<ProjectionOptions>() ?? new ProjectionOptions());
        var problems = StartupValidation.Validate(hostOptions, siloOptions, kafkaOptions, feedOptions, apiOptions, pipeline).ToList();
        problems.AddRange(StorageSetup.Problems(configuration));
        var apiKeys = ApiKeyRegistry.Load(configuration, problems);
        var commands = Commands.CommandCatalog.Load(configuration, problems);
        if (problems.Count > 0 || apiKeys is null || commands is null)
        {
            return problems;
        }

        var configFolder = ConfigFolderLocator.Locate(hostOptions.ConfigPath)!;
        var load = FastDataConfigurationLoader.Load(configFolder);
        if (!load.IsValid)
        {
            return [.. load.Errors.Select(e => Path.Combine(configFolder, e.ToString()))];
        }

        var model = load.Model!;
        var kafka = KafkaEndpoint.Connect(configuration.GetConnectionString("kafka"), model, kafkaOptions, commands.Topics);
        var services = builder.Services;
        services.AddSingleton(new LoadedConfiguration(configFolder, model));
        services.AddSingleton(kafka);
        services.AddOptions<FastDataOptions>().BindConfiguration(FastDataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KafkaHostOptions>().BindConfiguration(KafkaHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SampleFeedOptions>().BindConfiguration(SampleFeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new SecurityNotices(apiKeys.IsGenerated ? LoopbackBinding.Restrict(builder.WebHost) : []));
        services.AddApiKeySecurity(apiKeys);
        services.AddCommandRateLimiting(apiOptions);
        services.AddSingleton(new ReadModelTargets(model));
        services.AddReadModelQueries(configuration);
        services.AddSingleton(commands);
        services.AddSingleton<Admin.KafkaStatusReader>();
        services.AddHttpClient(Commands.CommandDispatcher.HttpClientName);

        builder.UseOrleans(silo =>
        {
            silo.AddClusterAndStorage(configuration, siloOptions, model);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddKafkaStreams(KafkaProviderName, options => ConfigureKafka(options, kafka, kafkaOptions, model),
                stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            silo.AddFastDataPipeline(model,
                options => configuration.GetSection(SingleViewsSectionName).Bind(options),
                options => configuration.GetSection(ProjectionsSectionName).Bind(options));
            silo.AddActivityPropagation();
            silo.AddFastDataRefresh(options => configuration.GetSection(RefreshSectionName).Bind(options));
            silo.AddDashboard();
        });

        services.AddSingleton<IDeadLetterSink>(sp => new KafkaDeadLetterSink(sp.GetRequiredService<IKafkaPublisher>(), kafkaOptions.DeadLetterTopic));
        services.AddSingleton<ISingleViewChangeSink>(sp => new KafkaSingleViewChangeSink(
            sp.GetRequiredService<IKafkaPublisher>(), model, kafkaOptions.SingleViewTopicFormat, kafkaOptions.IncludeDocumentsInEvents));
        if (feedOptions.Enabled)
        {
            services.AddHostedService<SampleFeedService>();
        }

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOpenApi();
        var health = services.AddHealthChecks()
            .AddCheck<SiloReadinessHealthCheck>("silo", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<KafkaHealthCheck>("kafka", HealthStatus.Unhealthy, [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("mongodb")))
        {
            health.AddCheck<MongoHealthCheck>("mongodb", HealthStatus.Unhealthy, [ReadyTag]);
        }

        services.AddFastDataTelemetry(configuration);
        services.AddHostedService<Commands.CommandDispatcher>();
        services.AddHostedService<StartupBanner>();
        return [];
    }

    public static WebApplication MapFastData(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<DashboardKeyMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
        var metrics = app.MapPrometheusScrapingEndpoint(FastDataTelemetry.MetricsPath);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MetricsRequireKey)
        {
            metrics.RequireAuthorization(ApiPolicies.Reader);
        }

        app.MapOrleansDashboard(routePrefix: DashboardKeyMiddleware.PathPrefix).RequireAuthorization(ApiPolicies.Dashboard);
        app.MapSingleViewsApi();
        app.MapProjectionsApi();
        app.MapCommandsApi();
        app.MapAdminApi();
        return app;
    }

    private static void ConfigureKafka(KafkaStreamOptions options, KafkaEndpoint kafka, KafkaHostOptions host, FastDataModel model)
    {
        options.BootstrapServers = kafka.BootstrapServers;
        options.ConsumerGroupId = host.ConsumerGroupId;
        options.DeadLetterTopic = host.DeadLetterTopic;
        options.StartPosition = Enum.Parse<KafkaStartPosition>(host.StartPosition, ignoreCase: true);
        options.StreamInactivityPeriod = host.StreamInactivityPeriod;
        options.PullWait = host.PullWait;
        if (kafka.IsEmbedded && !host.Settings.ContainsKey("fetch.wait.max.ms"))
        {
            options.ConsumerSettings["fetch.wait.max.ms"] = EmbeddedFetchWaitMs;
        }

        foreach (var (key, value) in host.Settings)
        {
            options.KafkaSettings[key] = value;
        }

        foreach (var projection in model.Projections.Values)
        {
            options.Topics.Add(new KafkaTopicOptions
            {
                Topic = projection.Topic,
                StreamNamespace = projection.Name,
                Format = FormatName(projection.Format),
                KeyFields = [.. projection.PrimaryKey],
            });
        }
    }

    private static string FormatName(MessageFormat format) => format switch
    {
        MessageFormat.Debezium => "debezium",
        MessageFormat.GoldenGate => "golden-gate",
        MessageFormat.Basic => "basic",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown message format"),
    };
}
