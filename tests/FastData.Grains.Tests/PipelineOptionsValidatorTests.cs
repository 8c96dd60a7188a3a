using FastData.Grains.Projections;
using FastData.Grains.SingleViews;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace FastData.Grains.Tests;

public sealed class PipelineOptionsValidatorTests
{
    [Theory]
    [InlineData(60)]
    [InlineData(30)]
    [InlineData(2 * 24 * 3600)]
    public void ProjectionIdleDeactivation_NotAboveQuantumOrAboveADay_IsRefusedNamingTheSetting(int seconds)
    {
        var validator = new ProjectionOptionsValidator(
            Options.Create(new ProjectionOptions { IdleDeactivation = TimeSpan.FromSeconds(seconds) }),
            Options.Create(new GrainCollectionOptions { CollectionQuantum = TimeSpan.FromMinutes(1) }));

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.StartsWith("FastData:Projections:IdleDeactivation must be longer than Orleans' collection quantum (00:01:00)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectionIdleDeactivation_Default_IsAccepted() =>
        Assert.Null(ProjectionOptionsValidator.Problem(new ProjectionOptions(), new GrainCollectionOptions().CollectionQuantum));

    [Theory]
    [InlineData(nameof(SingleViewOptions.MinRunInterval), -1)]
    [InlineData(nameof(SingleViewOptions.MinRunInterval), 10_001)]
    [InlineData(nameof(SingleViewOptions.CoalesceWindow), -1)]
    [InlineData(nameof(SingleViewOptions.CoalesceWindow), 10_001)]
    public void SingleViewTiming_OutOfRange_IsRefusedNamingTheSetting(string setting, int milliseconds)
    {
        var options = new SingleViewOptions();
        var value = TimeSpan.FromMilliseconds(milliseconds);
        _ = setting == nameof(SingleViewOptions.MinRunInterval) ? options.MinRunInterval = value : options.CoalesceWindow = value;
        var validator = new SingleViewOptionsValidator(Options.Create(options));

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.StartsWith($"FastData:SingleViews:{setting} must be between 0 and 10 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4097)]
    public void SingleViewMaxConcurrentAggregations_OutOfRange_IsRefusedNamingTheSetting(int slots)
    {
        var validator = new SingleViewOptionsValidator(Options.Create(new SingleViewOptions { MaxConcurrentAggregations = slots }));

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.StartsWith("FastData:SingleViews:MaxConcurrentAggregations must be between 0 (no bound) and 4096", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    public void SingleViewMaxConcurrentAggregations_InRange_IsAccepted(int slots) =>
        new SingleViewOptionsValidator(Options.Create(new SingleViewOptions { MaxConcurrentAggregations = slots })).ValidateConfiguration();

    [Theory]
    [InlineData(-1)]
    [InlineData(4097)]
    public void SingleViewCoalesceWindowBusyAt_OutOfRange_IsRefusedNamingTheSetting(int running)
    {
        var validator = new SingleViewOptionsValidator(Options.Create(new SingleViewOptions { CoalesceWindowBusyAt = running }));

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.StartsWith("FastData:SingleViews:CoalesceWindowBusyAt must be between 0 (always) and 4096", error.Message, StringComparison.Ordinal);
    }
}
