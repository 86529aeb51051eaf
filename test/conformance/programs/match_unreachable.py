# A compile-time error of the match statement ends the run before anything executes.
print("never printed")

def classify(point):
    match point:
        case (0, 0):
            return "origin"
        case (x, 0) if x > 0:
            return "positive x axis"
        case other:
            return "elsewhere"
        case (0, y):
            return "y axis"
