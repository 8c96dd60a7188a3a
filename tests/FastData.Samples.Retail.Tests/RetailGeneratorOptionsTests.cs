using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

public sealed class RetailGeneratorOptionsTests
{
    [Fact]
    public void Validate_Defaults_ReportsNothing()
    {
        Assert.Empty(new RetailGeneratorOptions().Validate());
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsEachOneByName()
    {
        var options = new RetailGeneratorOptions
        {
            Customers = 0,
            Products = -1,
            AddressProbability = 1.5,
            MinOrdersPerCustomer = -1,
            MinItemsPerOrder = 3,
            MaxItemsPerOrder = 2,
            ChangeEvents = -5,
            InsertWeight = -1,
            UpdateWeight = double.NaN,
            DeleteWeight = double.PositiveInfinity,
            PrimaryKeyChangeRate = 2,
            DuplicateRate = -0.1,
            ReplayRate = double.NaN,
            ReplayWindow = 0,
            TargetEventBytes = -1,
            StartTimestampMs = -1,
            MeanChangeIntervalMs = -1,
        };

        var errors = options.Validate();

        string[] named =
        [
            "Customers", "Products", "AddressProbability", "MinOrdersPerCustomer", "MaxItemsPerOrder", "ChangeEvents",
            "InsertWeight", "UpdateWeight", "DeleteWeight", "PrimaryKeyChangeRate", "DuplicateRate", "ReplayRate",
            "ReplayWindow", "TargetEventBytes", "StartTimestampMs", "MeanChangeIntervalMs",
        ];
        foreach (var option in named)
        {
            Assert.Contains(errors, e => e.StartsWith($"RetailGeneratorOptions.{option} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_AllWeightsZero_ReportsTheSum()
    {
        var options = new RetailGeneratorOptions { InsertWeight = 0, UpdateWeight = 0, DeleteWeight = 0, ForeignKeyMoveWeight = 0 };

        var error = Assert.Single(options.Validate());
        Assert.Contains("sum of InsertWeight", error);
    }

    [Fact]
    public void Validate_RatesAboveOneTogether_ReportsTheirSum()
    {
        var options = new RetailGeneratorOptions { PrimaryKeyChangeRate = 0.5, DuplicateRate = 0.4, ReplayRate = 0.3 };

        var error = Assert.Single(options.Validate());
        Assert.Contains("must not exceed 1", error);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new RetailGeneratorOptions { Customers = 0, TargetEventBytes = RetailGeneratorOptions.MaxTargetEventBytes + 1 };

        var error = Assert.Throws<ArgumentException>(() => new RetailEventGenerator(options));

        Assert.Contains("RetailGeneratorOptions.Customers", error.Message);
        Assert.Contains("RetailGeneratorOptions.TargetEventBytes", error.Message);
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_KeepsTheOriginalRun()
    {
        var options = GeneratedStream.SmallOptions();
        var generator = new RetailEventGenerator(options);
        var expected = generator.Generate().Take(100).Select(r => r.Value).ToList();

        options.Seed = 999;

        Assert.Equal(expected, generator.Generate().Take(100).Select(r => r.Value).ToList());
    }
}
