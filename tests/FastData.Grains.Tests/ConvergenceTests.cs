using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Samples.Retail;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>The convergence property on memory storage: after a random CDC workload is drained, every single view
/// equals a from-scratch aggregation of the final projection records.</summary>
public sealed class ConvergenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task RandomCdcWorkload_Drained_EverySingleViewEqualsFromScratchAggregation(int seed)
    {
        var model = RetailModel.Instance;
        var workload = ConvergenceWorkload.Create(model, Options(seed, customers: 150, products: 40, changes: 2500));
        ConvergenceCheck.AssertWorkloadIsRich(workload);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddFastDataPipeline(model).AddInMemoryPipelineSinks());
        await using var cluster = builder.Build();
        await cluster.DeployAsync(Ct);
        var services = cluster.GetSiloServiceProvider();

        await ConvergenceCheck.ApplyAsync(cluster.Client, workload, seed, Ct);

        await ConvergenceCheck.AssertConvergedAsync(model, services.GetRequiredService<IRecordStore>(),
            services.GetRequiredService<InMemoryPipelineSinks>(), ConvergenceReference.Build(model, workload.Events), Ct);
    }

    internal static RetailGeneratorOptions Options(int seed, int customers, int products, int changes) => new()
    {
        Seed = seed,
        Customers = customers,
        Products = products,
        ChangeEvents = changes,
        PrimaryKeyChangeRate = 0.05,
        DuplicateRate = 0.05,
        ReplayRate = 0.05,
        ReplayWindow = 300,
        DeleteWeight = 15,
        ForeignKeyMoveWeight = 20,
    };
}
