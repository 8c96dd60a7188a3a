using System.ComponentModel.DataAnnotations;
using FastData.Grains.Projections;
using FastData.Grains.SingleViews;
using Orleans.Configuration;

namespace FastData.Host.Hosting;

/// <summary>Checks everything the host needs before anything starts, and reports every problem at once.</summary>
public static class StartupValidation
{
    public static IReadOnlyList<string> Validate(FastDataOptions hostOptions, SiloOptions siloOptions, KafkaHostOptions kafkaOptions, SampleFeed.SampleFeedOptions feedOptions, Apis.ApiOptions apiOptions, PipelineTimings pipeline)
    {
        var problems = new List<string>();
        Annotate(hostOptions, FastDataOptions.SectionName, problems);
        Annotate(siloOptions, SiloOptions.SectionName, problems);
        Annotate(kafkaOptions, KafkaHostOptions.SectionName, problems);
        Annotate(feedOptions, SampleFeed.SampleFeedOptions.SectionName, problems);
        Annotate(apiOptions, Apis.ApiOptions.SectionName, problems);
        if (apiOptions.DefaultPageSize > apiOptions.MaxPageSize)
        {
            problems.Add($"{Apis.ApiOptions.SectionName}:DefaultPageSize: {apiOptions.DefaultPageSize} is above MaxPageSize {apiOptions.MaxPageSize}.");
        }

        if (!Enum.TryParse<FastData.Orleans.Streaming.Kafka.KafkaStartPosition>(kafkaOptions.StartPosition, ignoreCase: true, out _))
        {
            problems.Add($"{KafkaHostOptions.SectionName}:StartPosition: '{kafkaOptions.StartPosition}' is not Earliest or Latest.");
        }
        if (SingleViewOptionsValidator.Problem(pipeline.SingleViews) is { } singleViews)
        {
            problems.Add(singleViews);
        }

        // The host keeps Orleans' default collection quantum.
        if (ProjectionOptionsValidator.Problem(pipeline.Projections, new GrainCollectionOptions().CollectionQuantum) is { } projections)
        {
            problems.Add(projections);
        }

        if (siloOptions.SiloPort == siloOptions.GatewayPort)
        {
            problems.Add($"{SiloOptions.SectionName}: SiloPort and GatewayPort are both {siloOptions.SiloPort}; give them different ports.");
        }

        if (!string.IsNullOrWhiteSpace(hostOptions.ConfigPath) && ConfigFolderLocator.Locate(hostOptions.ConfigPath) is null)
        {
            problems.Add($"{FastDataOptions.SectionName}:ConfigPath: the folder '{hostOptions.ConfigPath}' was not found (searched from '{Directory.GetCurrentDirectory()}' upwards).");
        }

        return problems;
    }

    private static void Annotate(object options, string section, List<string> problems)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}

/// <summary>The pipeline's own settings (<c>FastData:SingleViews</c>, <c>FastData:Projections</c>), as configured.</summary>
public sealed record PipelineTimings(SingleViewOptions SingleViews, ProjectionOptions Projections);
