"""The seed's MNIST CNN in PyTorch.

Hover an activation (nn.GELU, nn.LeakyReLU, F.silu, torch.relu): PyTorch's defaults
differ from Keras's (LeakyReLU slope 0.01 here, 0.3 in a Keras layer).
"""
import torch
from torch import nn
import torch.nn.functional as F


class Net(nn.Module):
    """Conv-Conv-Pool-Dropout-Dense with a configurable hidden activation."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.act1 = nn.GELU(approximate='tanh')
        self.act2 = nn.LeakyReLU(0.1)
        self.drop1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.drop2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.act1(self.conv1(x))
        x = self.act2(self.conv2(x))
        x = self.drop1(F.max_pool2d(x, 2))
        x = F.silu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(self.drop2(x))


def gate(x):
    """A plain ReLU gate."""
    return torch.relu(x)
