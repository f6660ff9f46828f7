"""The seed's MNIST CNN in Keras, one activation per hidden layer.

Hover an activation ('gelu', keras.activations.selu, LeakyReLU) to see its formula,
derivative, Keras's default parameters and a plot.
"""
import keras
from keras import layers


def build_model(activation="gelu"):
    """Conv-Conv-Pool-Dropout-Dense, categorical cross-entropy (not the seed's binary)."""
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation=activation),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(128),
        layers.LeakyReLU(negative_slope=0.3),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(clipvalue=0.5),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def selu_block(x):
    """SELU needs lecun_normal weights and AlphaDropout to self-normalise."""
    x = layers.Dense(128, kernel_initializer="lecun_normal")(x)
    x = keras.activations.selu(x)
    return layers.AlphaDropout(0.1)(x)
