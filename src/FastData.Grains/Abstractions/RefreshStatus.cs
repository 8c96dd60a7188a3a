namespace FastData.Grains.Abstractions;

/// <summary>Where a full refresh of a single view stands.</summary>
[GenerateSerializer, Alias("FastData.RefreshStatus")]
public enum RefreshStatus
{
    /// <summary>No refresh ran in this activation.</summary>
    NotStarted,

    /// <summary>Keys are being enumerated and single views re-aggregated.</summary>
    Running,

    /// <summary>Every key was handled (some may have failed: see <see cref="RefreshProgress.Failed"/>).</summary>
    Completed,

    /// <summary>Stopped by <see cref="IRefreshGrain.CancelAsync"/>.</summary>
    Cancelled,

    /// <summary>Stopped by an error while enumerating keys (see <see cref="RefreshProgress.Error"/>).</summary>
    Faulted,
}
