; linkproof solver query 1: find-request
; answer: unsat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |resource#exact| () Int)
(declare-fun principal () Int)
(declare-fun |on#1| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun |goal#0| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (not (>= |action#exact| 1)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (not (>= |resource#exact| 0)))
(assert
 (>= principal 0))
(assert
 (not (>= principal 1)))
(assert
 (let (($x39 (= |resource#exact| (- 1))))
 (let (($x33 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x71 (not $x10)))
 (let (($x74 (and $x71 $x33 $x39 |resource#0|)))
 (let (($x77 (or (not |on#1|) (not $x74))))
 (let (($x79 (and $x71 $x33 $x39 |resource#0| $x77 |on#1|)))
 (or (not |goal#0|) $x79)))))))))
(check-sat-assuming (|goal#0|))
