"""Leak: event listeners that are never removed

Teaches: registering a bound method as a listener stores a reference to its object; if the
object is never unsubscribed, the event source keeps it alive forever (and calls it).
Two fixes: unsubscribe explicitly when done, or let the source hold weak references
(weakref.WeakMethod) so that listeners disappear with their objects.
Watch: the Object graph after line 50: the Button's listener list keeps every Widget alive;
the Heap panel's Widget count drops at line 56 (unsubscribing), and in the fixed version
at line 82, when three Widgets lose their last strong reference.
Keys: n to step; press g after line 50: it frees nothing, these objects are reachable.
"""
import weakref


class Button:
    def __init__(self):
        self.listeners = []

    def subscribe(self, callback):
        self.listeners.append(callback)

    def unsubscribe(self, callback):
        self.listeners.remove(callback)

    def click(self):
        for callback in list(self.listeners):
            callback()


class Widget:
    alive = 0

    def __init__(self, name):
        self.name = name
        self.clicks = 0
        Widget.alive += 1

    def on_click(self):
        self.clicks += 1

    def __del__(self):
        Widget.alive -= 1


button = Button()
for i in range(5):
    w = Widget(f"panel-{i}")
    button.subscribe(w.on_click)
    del w  # the name is gone, the Widget is not
button.click()
print("widgets alive after del:", Widget.alive)
print("listeners:", len(button.listeners))

# Fix 1: unsubscribe when the widget is closed.
for callback in list(button.listeners):
    button.unsubscribe(callback)
del callback  # the loop variable would keep the last Widget alive
print("after unsubscribing:", Widget.alive, "alive")


# Fix 2: the source keeps weak references to the methods.
class WeakButton:
    def __init__(self):
        self.listeners = []

    def subscribe(self, method):
        self.listeners.append(weakref.WeakMethod(method))

    def click(self):
        self.listeners = [ref for ref in self.listeners if ref() is not None]
        for ref in self.listeners:
            ref()()


button = WeakButton()
widgets = [Widget(f"panel-{i}") for i in range(5)]
for w in widgets:
    button.subscribe(w.on_click)
del w
button.click()
print("widgets alive:", Widget.alive, "clicks of the first:", widgets[0].clicks)
del widgets[:3]
button.click()
print("after dropping three widgets:", Widget.alive, "alive,", len(button.listeners), "listeners")
