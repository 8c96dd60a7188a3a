using FastData.Grains.Abstractions;
using FastData.Host.Admin;
using FastData.Host.Hosting;
using FastData.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FastData.Host.Apis;

/// <summary>Operations (role admin): status, full refresh of a single view, pausing and resuming single-view triggering
/// and the ingestion of each projection.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(ApiPolicies.Admin);
        api.MapGet("/status", GetStatusAsync)
            .WithName("GetAdminStatus")
            .WithSummary("Kafka bootstrap address, ingestion lag per partition, dead-letter counts, silos, active grains and the trigger setting");
        api.MapPost("/single-views/{name}/refresh", StartRefreshAsync)
            .WithName("StartSingleViewRefresh")
            .WithSummary("Re-aggregates every document of a single view in the background (maxConcurrency optional); poll the Location for progress");
        api.MapGet("/single-views/{name}/refresh", GetRefreshAsync)
            .WithName("GetSingleViewRefresh")
            .WithSummary("The progress of the running or last full refresh of a single view");
        api.MapDelete("/single-views/{name}/refresh", CancelRefreshAsync)
            .WithName("CancelSingleViewRefresh")
            .WithSummary("Stops the running full refresh of a single view");
        api.MapGet("/pipeline", GetPipelineAsync)
            .WithName("GetPipelineTriggers")
            .WithSummary("Whether single-view triggering is paused");
        api.MapPost("/pipeline/pause", PauseAsync)
            .WithName("PausePipelineTriggers")
            .WithSummary("Pauses single-view triggering on every silo (projections keep ingesting); for initial loads");
        api.MapPost("/pipeline/resume", ResumeAsync)
            .WithName("ResumePipelineTriggers")
            .WithSummary("Resumes single-view triggering; with refresh=true (the default) also refreshes every single view to catch up");
        api.MapPost("/projections/{name}/pause", PauseIngestionAsync)
            .WithName("PauseProjectionIngestion")
            .WithSummary("Stops consuming a projection's ingestion topic on every silo: its records wait in Kafka, offsets stay committed where they were");
        api.MapPost("/projections/{name}/resume", ResumeIngestionAsync)
            .WithName("ResumeProjectionIngestion")
            .WithSummary("Consumes a projection's ingestion topic again, from where it stopped");
        return app;
    }

    private static async Task<Ok<AdminStatus>> GetStatusAsync(KafkaStatusReader kafka, IGrainFactory grains, HttpContext context)
    {
        var kafkaStatus = kafka.ReadAsync(context.RequestAborted);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var byType = statistics.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => (long)g.Sum(s => s.ActivationCount));
        var triggers = await Control(grains).GetStatusAsync();
        var cluster = new ClusterStatus(
            [.. hosts.Select(h => new SiloInfo(h.Key.ToString(), h.Value.ToString()))],
            byType.Values.Sum(),
            byType);
        return TypedResults.Ok(new AdminStatus(await kafkaStatus, cluster, ToTrigger(triggers)));
    }

    private static async Task<Results<Accepted<RefreshProgress>, ProblemHttpResult>> StartRefreshAsync(string name, int? maxConcurrency, LoadedConfiguration configuration, IGrainFactory grains)
    {
        if (!configuration.Model.SingleViews.ContainsKey(name))
        {
            return ReadModelListing.Unknown("single view", name, configuration.Model.SingleViews.Keys);
        }

        if (maxConcurrency is < 1 or > 1024)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid maxConcurrency", detail: $"maxConcurrency must be between 1 and 1024, got {maxConcurrency}.", extensions: new Dictionary<string, object?> { ["parameter"] = "maxConcurrency" });
        }

        var progress = await grains.GetGrain<IRefreshGrain>(name).StartAsync(maxConcurrency);
        return TypedResults.Accepted($"/api/admin/single-views/{name}/refresh", progress);
    }

    private static async Task<Results<Ok<RefreshProgress>, ProblemHttpResult>> GetRefreshAsync(string name, LoadedConfiguration configuration, IGrainFactory grains) =>
        configuration.Model.SingleViews.ContainsKey(name)
            ? TypedResults.Ok(await grains.GetGrain<IRefreshGrain>(name).GetProgressAsync())
            : ReadModelListing.Unknown("single view", name, configuration.Model.SingleViews.Keys);

    private static async Task<Results<Ok<RefreshProgress>, ProblemHttpResult>> CancelRefreshAsync(string name, LoadedConfiguration configuration, IGrainFactory grains) =>
        configuration.Model.SingleViews.ContainsKey(name)
            ? TypedResults.Ok(await grains.GetGrain<IRefreshGrain>(name).CancelAsync())
            : ReadModelListing.Unknown("single view", name, configuration.Model.SingleViews.Keys);

    private static async Task<Ok<TriggerStatus>> GetPipelineAsync(IGrainFactory grains) =>
        TypedResults.Ok(ToTrigger(await Control(grains).GetStatusAsync()));

    private static async Task<Ok<TriggerStatus>> PauseAsync(IGrainFactory grains) =>
        TypedResults.Ok(ToTrigger(await Control(grains).PauseAsync()));

    private static async Task<Ok<TriggerStatus>> ResumeAsync(bool? refresh, IGrainFactory grains) =>
        TypedResults.Ok(ToTrigger(await Control(grains).ResumeAsync(refresh ?? true)));

    private static Task<Results<Ok<TriggerStatus>, ProblemHttpResult>> PauseIngestionAsync(string name, LoadedConfiguration configuration, IGrainFactory grains) =>
        SetIngestionAsync(name, configuration, control => control.PauseIngestionAsync(name), grains);

    private static Task<Results<Ok<TriggerStatus>, ProblemHttpResult>> ResumeIngestionAsync(string name, LoadedConfiguration configuration, IGrainFactory grains) =>
        SetIngestionAsync(name, configuration, control => control.ResumeIngestionAsync(name), grains);

    private static async Task<Results<Ok<TriggerStatus>, ProblemHttpResult>> SetIngestionAsync(string name, LoadedConfiguration configuration,
        Func<IPipelineControlGrain, Task<PipelineControlStatus>> change, IGrainFactory grains) =>
        configuration.Model.Projections.ContainsKey(name)
            ? TypedResults.Ok(ToTrigger(await change(Control(grains))))
            : ReadModelListing.Unknown("projection", name, configuration.Model.Projections.Keys);

    private static IPipelineControlGrain Control(IGrainFactory grains) => grains.GetGrain<IPipelineControlGrain>(IPipelineControlGrain.Key);

    private static TriggerStatus ToTrigger(PipelineControlStatus status) => new(status.TriggersPaused, status.Version, status.ChangedAt, status.IngestionPaused);
}
