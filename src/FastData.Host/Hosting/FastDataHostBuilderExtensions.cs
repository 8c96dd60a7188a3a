using FastData.Host.Health;
using FastData.Model.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace FastData.Host.Hosting;

/// <summary>Composes the host: configuration model, co-hosted silo, API, health, Dashboard.</summary>
public static class FastDataHostBuilderExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>Adds every FastData service. Returns the configuration problems instead of throwing, so that
    /// the caller can print all of them and exit non-zero.</summary>
    public static IReadOnlyList<string> AddFastData(this WebApplicationBuilder builder)
    {
        var hostOptions = builder.Configuration.GetSection(FastDataOptions.SectionName).Get<FastDataOptions>() ?? new FastDataOptions();
        var siloOptions = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var problems = StartupValidation.Validate(hostOptions, siloOptions);
        if (problems.Count > 0)
        {
            return problems;
        }

        var configFolder = ConfigFolderLocator.Locate(hostOptions.ConfigPath)!;
        var load = FastDataConfigurationLoader.Load(configFolder);
        if (!load.IsValid)
        {
            return [.. load.Errors.Select(e => $"{Path.Combine(configFolder, e.ToString())}")];
        }

        var model = load.Model!;
        builder.Services.AddSingleton(new LoadedConfiguration(configFolder, model));

        builder.Services.AddOptions<FastDataOptions>().BindConfiguration(FastDataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: siloOptions.ServiceId, clusterId: siloOptions.ClusterId);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddFastDataPipeline(model).AddInMemoryPipelineSinks();
            silo.AddDashboard();
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadinessHealthCheck>("silo", HealthStatus.Unhealthy, [ReadyTag]);
        builder.Services.AddHostedService<StartupBanner>();
        return [];
    }

    public static WebApplication MapFastData(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        return app;
    }
}
