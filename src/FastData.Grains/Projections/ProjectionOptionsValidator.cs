using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace FastData.Grains.Projections;

/// <summary>Validates <see cref="ProjectionOptions"/> at silo start-up, in the terms an operator configured.</summary>
public sealed class ProjectionOptionsValidator(IOptions<ProjectionOptions> options, IOptions<GrainCollectionOptions> collection) : IConfigurationValidator
{
    public static readonly TimeSpan MaxIdleDeactivation = TimeSpan.FromDays(1);

    public void ValidateConfiguration()
    {
        if (Problem(options.Value, collection.Value.CollectionQuantum) is { } problem)
        {
            throw new OrleansConfigurationException(problem);
        }
    }

    /// <summary>What is wrong with <paramref name="options"/> given Orleans' collection quantum, or null.</summary>
    public static string? Problem(ProjectionOptions options, TimeSpan collectionQuantum)
    {
        var idle = options.IdleDeactivation;
        return idle <= collectionQuantum || idle > MaxIdleDeactivation
            ? $"FastData:Projections:IdleDeactivation must be longer than Orleans' collection quantum ({collectionQuantum}) and at most {MaxIdleDeactivation.TotalHours:0} hours (was {idle})."
            : null;
    }
}
