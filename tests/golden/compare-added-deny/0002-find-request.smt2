; linkproof solver query 2: find-request
; answer: unsat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |resource#exact| () Int)
(declare-fun principal () Int)
(declare-fun |goal#0| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |goal#1| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (let (($x31 (>= |action#exact| 1)))
 (not $x31)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (let (($x48 (>= |resource#exact| 0)))
 (not $x48)))
(assert
 (>= principal 0))
(assert
 (let (($x61 (>= principal 1)))
 (not $x61)))
(assert
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x85 (not |goal#0|)))
 (or $x85 $x44))))
(assert
 (let (($x85 (not |goal#0|)))
 (or $x85 |resource#0|)))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x85 (not |goal#0|)))
 (or $x85 $x75))))))
(assert
 (let (($x29 (not |resource#0|)))
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x28 (not $x44)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x43 (or $x10 $x28 $x29 (not (= |action#exact| 0)))))
 (let (($x34 (= |action#exact| 0)))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x45 (not $x75)))
 (let (($x79 (or $x28 $x29 $x45 (not $x43))))
 (let (($x85 (not |goal#0|)))
 (or $x85 $x79))))))))))))
(assert
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x81 (and $x75 $x44 |resource#0|)))
 (let (($x94 (not $x81)))
 (let (($x82 (not $x10)))
 (let (($x84 (and $x82 $x34 $x44 |resource#0|)))
 (let (($x86 (not $x84)))
 (let (($x95 (and $x75 $x44 |resource#0| $x86 $x94)))
 (or (not |goal#1|) $x95))))))))))))
(check-sat-assuming (|goal#1|))
